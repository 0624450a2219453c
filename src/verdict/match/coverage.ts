import { windowOf, type EvidenceSentence, type SentenceStore } from '../evidence/sentence-store.js';
import type { ClaimTerm } from './claim-term.js';

/** Shortest stem that may match a longer stem it begins ("medic" / "medicin"). */
const MIN_DERIVATION_PREFIX = 5;

/** Whether a stem occurs, or a derivation of it ("medical" / "medicine", "province" / "provincial"). */
function hasStem(stems: Set<string>, stem: string): boolean {
  if (stems.has(stem)) return true;
  if (stem.length < MIN_DERIVATION_PREFIX) return false;
  for (const s of stems) {
    if (s.length >= MIN_DERIVATION_PREFIX && (s.startsWith(stem) || stem.startsWith(s)))
      return true;
  }
  return false;
}

/** Whether a text says a term: one alternative's stems all present (the term's own words also
 * as a derivation), or a name prefix. */
export function sentenceHasTerm(
  s: Pick<EvidenceSentence, 'stems' | 'words'>,
  term: ClaimTerm,
): boolean {
  for (const alt of term.alts) if (alt.every((stem) => s.stems.has(stem))) return true;
  const own = term.alts[0];
  if (own && own.every((stem) => hasStem(s.stems, stem))) return true;
  for (const p of term.prefixes) if (s.words.some((w) => w.startsWith(p))) return true;
  return false;
}

/** Weight share of a translated term whose renderings the documents never use. */
const UNSEEN_TRANSLATION = 0.25;

/** IDF of a stem over the store's sentences. */
export function idf(store: SentenceStore, stem: string): number {
  const n = store.sentences.length;
  const df = store.df(stem);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/**
 * A term's weight: the IDF of its most common alternative that the documents use (a common
 * rendering is the likely one), or, when the documents never use it, the unseen-word IDF, so a
 * claim about something the documents never mention scores low coverage.
 */
export function termWeight(store: SentenceStore, term: ClaimTerm): number {
  let best: number | undefined;
  for (const alt of term.alts) {
    const w = Math.max(...alt.map((stem) => idf(store, stem)));
    if (store.df(alt[0]!) > 0 && (best === undefined || w < best)) best = w;
  }
  if (best === undefined && term.prefixes.length > 0) best = idf(store, '\u0000') * 0.8;
  // A dictionary rendering the documents never use is more likely a poor translation than news.
  if (best === undefined && term.translated) best = idf(store, '\u0000') * UNSEEN_TRANSLATION;
  return (best ?? idf(store, '\u0000')) * term.scale;
}

export interface Coverage {
  /** Share of the claim's term weight said in the sentence itself. */
  inSentence: number;
  /** Share said in the sentence or, discounted, its neighbours and its article's title. */
  inWindow: number;
  /** Terms said in the sentence itself. */
  matched: ClaimTerm[];
  /** Terms said nowhere near the sentence. */
  missing: ClaimTerm[];
}

/** Credit for a term found only in an adjacent sentence or the title rather than the sentence. */
const NEIGHBOUR_CREDIT = 0.6;
const TITLE_CREDIT = 0.5;

/** How much of the claim a sentence (and its immediate context) says. */
export function coverage(
  store: SentenceStore,
  s: EvidenceSentence,
  terms: ClaimTerm[],
  weights: number[],
): Coverage {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const neighbours = windowOf(store, s).filter((n) => n !== s);
  const title = store.titleStems.get(s.docId);
  let inSentence = 0;
  let inWindow = 0;
  const matched: ClaimTerm[] = [];
  const missing: ClaimTerm[] = [];
  terms.forEach((term, i) => {
    const w = weights[i]!;
    if (sentenceHasTerm(s, term)) {
      inSentence += w;
      inWindow += w;
      matched.push(term);
    } else if (neighbours.some((n) => sentenceHasTerm(n, term))) {
      inWindow += w * NEIGHBOUR_CREDIT;
    } else if (title && term.alts.some((a) => a.every((st) => title.has(st)))) {
      inWindow += w * TITLE_CREDIT;
    } else {
      missing.push(term);
    }
  });
  return { inSentence: inSentence / total, inWindow: inWindow / total, matched, missing };
}

/** Share of sentences above which a stem does not propose candidates. */
const COMMON_SHARE = 0.05;
/** In a small collection every stem is specific enough. */
const MIN_COMMON = 100;

/** Sentences that say at least one term, with the summed weight of what they say. */
export function lexicalCandidates(
  store: SentenceStore,
  terms: ClaimTerm[],
  weights: number[],
  limit: number,
): { id: number; score: number }[] {
  const scores = new Map<number, number>();
  // Stems in a large share of all sentences find nothing specific; they still count in coverage.
  const common = Math.max(MIN_COMMON, store.sentences.length * COMMON_SHARE);
  terms.forEach((term, i) => {
    const ids = new Set<number>();
    for (const alt of term.alts) {
      const list = store.byStem.get(alt[0]!) ?? [];
      if (list.length <= common) for (const id of list) ids.add(id);
    }
    for (const id of ids) {
      if (sentenceHasTerm(store.sentences[id]!, term))
        scores.set(id, (scores.get(id) ?? 0) + weights[i]!);
    }
  });
  return [...scores.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
