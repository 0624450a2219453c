import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Verdict } from '../../types.js';
import { seededRandom, shuffle } from './random.js';

/** A public claim–evidence pair with a three-way label. */
export interface LabeledPair {
  id: string;
  dataset: 'healthver' | 'covidfact' | 'scifact';
  /** Pairs of one claim share a group (cross-validation by claim). */
  group: string;
  claim: string;
  evidence: string;
  label: Verdict;
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

const HEALTHVER: Record<string, Verdict> = {
  Supports: 'SUPPORTED',
  Refutes: 'REFUTED',
  Neutral: 'NOT_ENOUGH_INFO',
};

/** HealthVer dev: id, evidence, claim, label (Supports / Refutes / Neutral), ... */
export async function healthVerPairs(file: string): Promise<LabeledPair[]> {
  const [header, ...rows] = parseCsv(await readFile(file, 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const [id, evidence, claim, label] = ['id', 'evidence', 'claim', 'label'].map(col);
  return rows.flatMap((r) => {
    const l = HEALTHVER[r[label!] ?? ''];
    return l
      ? [
          {
            id: `healthver-${r[id!]}`,
            dataset: 'healthver' as const,
            group: r[claim!]!,
            claim: r[claim!]!,
            evidence: r[evidence!]!,
            label: l,
          },
        ]
      : [];
  });
}

/** COVID-Fact's RTE split: index, evidence (sentence1), claim (Sentence2), (not_)entailment. */
async function covidFactPairs(file: string): Promise<LabeledPair[]> {
  const lines = (await readFile(file, 'utf8')).split('\n').slice(1);
  return lines.flatMap((line) => {
    const [index, evidence, claim, label] = line.split('\t');
    if (!claim || !evidence || !label) return [];
    return [
      {
        id: `covidfact-${index}`,
        dataset: 'covidfact' as const,
        group: claim,
        claim,
        // The RTE text marks quoted lines with "> "; the sentences themselves are what matter.
        evidence: evidence.replace(/\s*>\s*/g, ' '),
        label: label.trim() === 'entailment' ? 'SUPPORTED' : 'REFUTED',
      },
    ];
  });
}

interface SciFactClaim {
  id: number;
  claim: string;
  evidence: Record<string, { sentences: number[]; label: 'SUPPORT' | 'CONTRADICT' }[]>;
  cited_doc_ids: number[];
}

/**
 * SciFact claims with their rationale sentences (supports / contradicts), and for claims
 * without evidence the first sentences of a cited abstract (not enough information).
 */
export async function sciFactPairs(
  dir: string,
  split = 'claims_train.jsonl',
): Promise<LabeledPair[]> {
  const corpus = new Map<number, string[]>();
  for (const line of (await readFile(path.join(dir, 'corpus.jsonl'), 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const d = JSON.parse(line) as { doc_id: number; abstract: string[] };
    corpus.set(d.doc_id, d.abstract);
  }
  const out: LabeledPair[] = [];
  for (const line of (await readFile(path.join(dir, split), 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const c = JSON.parse(line) as SciFactClaim;
    const entries = Object.entries(c.evidence);
    if (entries.length === 0) {
      const abstract = corpus.get(c.cited_doc_ids[0] ?? -1);
      if (abstract)
        out.push({
          id: `scifact-${c.id}`,
          dataset: 'scifact',
          group: String(c.id),
          claim: c.claim,
          evidence: abstract.slice(0, 3).join(' '),
          label: 'NOT_ENOUGH_INFO',
        });
      continue;
    }
    for (const [doc, sets] of entries) {
      const abstract = corpus.get(Number(doc));
      const set = sets[0];
      if (!abstract || !set) continue;
      out.push({
        id: `scifact-${c.id}-${doc}`,
        dataset: 'scifact',
        group: String(c.id),
        claim: c.claim,
        evidence: set.sentences.map((i) => abstract[i] ?? '').join(' '),
        label: set.label === 'SUPPORT' ? 'SUPPORTED' : 'REFUTED',
      });
    }
  }
  return out;
}

/**
 * The public stance pairs found under `dir` (HealthVer dev, COVID-Fact train, SciFact train),
 * shuffled with the seed and cut to `limit`, each dataset getting an equal share.
 */
export async function publicPairs(
  dir: string,
  opts: { limit: number; seed: number },
): Promise<LabeledPair[]> {
  const sets = await Promise.all([
    healthVerPairs(path.join(dir, 'healthver', 'healthver_dev.csv')).catch(() => []),
    covidFactPairs(path.join(dir, 'covid-fact', 'RTE-covidfact', 'train.tsv')).catch(() => []),
    sciFactPairs(path.join(dir, 'scifact')).catch(() => []),
  ]);
  const random = seededRandom(opts.seed);
  const share = Math.ceil(opts.limit / Math.max(1, sets.filter((s) => s.length > 0).length));
  return sets.flatMap((s) => shuffle(s, random).slice(0, share));
}
