import type { Passage, Verdict } from '../../types.js';
import { buildSentenceStore, type EvidenceSentence } from '../evidence/sentence-store.js';
import { pick, seededRandom, shuffle } from './random.js';

/**
 * Claims generated from the loaded knowledge itself, so that `factcheck train` fits the verdict
 * model to whatever documents an operator loads: supported restatements, refuted perturbations
 * drawn from the same document (so they stay plausible) and unsupported near misses (a fact of
 * another article attached to the right topic). Generic English only: no topic word lists.
 */
export interface GeneratedClaim {
  claim: string;
  label: Verdict;
  docId: string;
  kind: string;
}

type Generator = (s: EvidenceSentence, ctx: Context) => string | undefined;

interface Context {
  random: () => number;
  /** Capitalised names of the sentence's document. */
  namesOfDoc: (docId: string) => string[];
  /** Sentences of other documents. */
  elsewhere: (docId: string) => EvidenceSentence;
  /** Whether a capitalised word is a proper name (never written in lower case). */
  isName: (word: string) => boolean;
}

const WORDS = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;
const wordCount = (t: string): number => (t.match(WORDS) ?? []).length;
const clean = (t: string): string =>
  t
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:])/g, '$1')
    .trim();
const sentenceCase = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);
const period = (t: string): string => (/[.!?。]$/.test(t) ? t : `${t.replace(/[,;:]$/, '')}.`);

/** Clauses of a sentence at commas and semicolons that leave whole words on both sides. */
const clausesOf = (t: string): string[] =>
  t
    .split(/[;；]|,\s+(?=[a-z])/)
    .map((c) => c.trim())
    .filter((c) => wordCount(c) >= 6);

/** Years are too easy to spot as fakes; amounts and counts are what people misquote. */
const NUMBER = /(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,]*\d)/g;
const isYear = (raw: string): boolean => /^(19|20)\d\d$/.test(raw);

function perturbNumber(raw: string, random: () => number): string {
  const value = Number(raw.replace(/,/g, ''));
  const decimals = raw.includes('.') ? raw.split('.')[1]!.length : 0;
  const factors = [0.5, 0.6, 0.75, 1.3, 1.5, 2, 3];
  let next = value;
  while (next === value) next = value * pick(factors, random) + (value === 0 ? 5 : 0);
  const fixed = decimals > 0 ? next.toFixed(decimals) : String(Math.max(1, Math.round(next)));
  return raw.includes(',') ? Number(fixed).toLocaleString('en-US') : fixed;
}

/** Generic antonym pairs of news language (either direction). */
const ANTONYMS: [string, string][] = [
  ['increased', 'decreased'],
  ['increase', 'decrease'],
  ['rose', 'fell'],
  ['rise', 'fall'],
  ['higher', 'lower'],
  ['more', 'less'],
  ['first', 'last'],
  ['largest', 'smallest'],
  ['expanded', 'reduced'],
  ['growth', 'decline'],
  ['approved', 'rejected'],
  ['allowed', 'prohibited'],
  ['strengthen', 'weaken'],
  ['above', 'below'],
  ['before', 'after'],
  ['improved', 'worsened'],
  ['encourage', 'restrict'],
  ['support', 'oppose'],
  ['gained', 'lost'],
  ['success', 'failure'],
];

const AUXILIARY = /\b(is|are|was|were|has|have|had|will|can|could|should|would|must)\b/;

/** A capitalised word after a space (not a sentence start). */
const NAME = /(?<=\s)\p{Lu}\p{Ll}{2,}/gu;
const MONTH =
  /^(January|February|March|April|May|June|July|August|September|October|November|December)$/;

const GENERATORS: Record<string, [Verdict, Generator]> = {
  // Supported: a clause of the sentence, or the sentence with its opening phrase moved to the end.
  clause: [
    'SUPPORTED',
    (s, { random }) => {
      const clauses = clausesOf(s.text);
      const clause = clauses.length > 1 ? pick(clauses, random) : undefined;
      // A clause that leans on the one before it ("And it rose …") is no claim of its own.
      return clause && !/^(and|but|or|which|while)\b/i.test(clause)
        ? sentenceCase(period(clause))
        : undefined;
    },
  ],
  reorder: [
    'SUPPORTED',
    (s) => {
      const m =
        /^((?:In|On|At|By|Since|As of|During|From|After|Before|Under)\b[^,]{3,60}),\s+(.+)$/.exec(
          s.text.trim(),
        );
      if (!m) return undefined;
      const rest = m[2]!.replace(/[.!?]$/, '');
      return period(`${sentenceCase(rest)} ${m[1]!.charAt(0).toLowerCase()}${m[1]!.slice(1)}`);
    },
  ],
  whole: ['SUPPORTED', (s) => (wordCount(s.text) <= 40 ? clean(s.text) : undefined)],
  // Refuted: one figure, name, polarity or direction changed.
  number: [
    'REFUTED',
    (s, { random }) => {
      const numbers = [...s.text.matchAll(NUMBER)].filter((m) => !isYear(m[0]));
      if (numbers.length === 0) return undefined;
      const m = pick(numbers, random);
      const out =
        s.text.slice(0, m.index) +
        perturbNumber(m[0], random) +
        s.text.slice(m.index + m[0].length);
      return clean(out);
    },
  ],
  entity: [
    'REFUTED',
    (s, { random, namesOfDoc }) => {
      const own = [...s.text.matchAll(/(?<=\s)\p{Lu}\p{Ll}{2,}/gu)].filter(
        (m) => !MONTH.test(m[0]),
      );
      const others = namesOfDoc(s.docId).filter((n) => !s.text.includes(n));
      if (own.length === 0 || others.length === 0) return undefined;
      const m = pick(own, random);
      return clean(
        s.text.slice(0, m.index) + pick(others, random) + s.text.slice(m.index! + m[0].length),
      );
    },
  ],
  negation: [
    'REFUTED',
    (s) => {
      const m = AUXILIARY.exec(s.text);
      if (!m || /\b(not|no|never)\b/i.test(s.text)) return undefined;
      return clean(
        s.text.slice(0, m.index + m[0].length) + ' not' + s.text.slice(m.index + m[0].length),
      );
    },
  ],
  antonym: [
    'REFUTED',
    (s, { random }) => {
      const found = shuffle(ANTONYMS, random).flatMap(([a, b]) => {
        const re = (w: string) => new RegExp(`\\b${w}\\b`, 'i');
        if (re(a).test(s.text)) return [[a, b] as const];
        if (re(b).test(s.text)) return [[b, a] as const];
        return [];
      })[0];
      return found
        ? clean(s.text.replace(new RegExp(`\\b${found[0]}\\b`, 'i'), found[1]))
        : undefined;
    },
  ],
  // Not enough information: the sentence's topic with a fact it does not state.
  'near-miss': [
    'NOT_ENOUGH_INFO',
    (s, { random, elsewhere }) => {
      const head = clausesOf(s.text)[0] ?? s.text;
      const tail = pick(clausesOf(elsewhere(s.docId).text), random)?.replace(
        /^(and|but|or)\s+/i,
        '',
      );
      if (!tail) return undefined;
      return sentenceCase(
        period(
          `${head.replace(/[.!?]$/, '')}, and ${tail.charAt(0).toLowerCase()}${tail.slice(1).replace(/[.!?]$/, '')}`,
        ),
      );
    },
  ],
  transplant: [
    'NOT_ENOUGH_INFO',
    (s, { random, elsewhere, namesOfDoc }) => {
      const other = elsewhere(s.docId);
      const theirs = [...other.text.matchAll(/(?<=\s)\p{Lu}\p{Ll}{2,}/gu)].filter(
        (m) => !MONTH.test(m[0]),
      );
      const ours = namesOfDoc(s.docId).filter((n) => !other.text.includes(n));
      if (theirs.length === 0 || ours.length === 0 || wordCount(other.text) > 40) return undefined;
      const m = pick(theirs, random);
      return clean(
        other.text.slice(0, m.index) +
          pick(ours, random) +
          other.text.slice(m.index! + m[0].length),
      );
    },
  ],
};

/**
 * Generates about `count` claims, as many per label, from sentences of the passages; `labels`
 * keeps some labels only (restatements alone teach a model that a text's own sentence is
 * supported, without teaching it the generator's perturbations).
 */
export function generateClaims(
  passages: ReadonlyArray<Passage | null>,
  opts: { count: number; seed: number; labels?: readonly Verdict[] },
): GeneratedClaim[] {
  if (opts.count <= 0) return [];
  const random = seededRandom(opts.seed);
  const store = buildSentenceStore(passages);
  const usable = store.sentences.filter((s) => {
    const n = wordCount(s.text);
    return n >= 8 && n <= 60 && /^[\p{Lu}\p{N}"“]/u.test(s.text.trim());
  });
  if (usable.length === 0 || new Set(usable.map((s) => s.docId)).size < 2) return [];
  // Proper names: capitalised mid-sentence and never written in lower case anywhere.
  const lower = new Set<string>();
  for (const s of store.sentences)
    for (const w of s.text.match(/\b\p{Ll}+\b/gu) ?? []) lower.add(w);
  const isName = (w: string) => !MONTH.test(w) && !lower.has(w.toLowerCase());
  const names = new Map<string, string[]>();
  for (const s of usable) {
    const list = names.get(s.docId) ?? [];
    for (const m of s.text.matchAll(NAME)) if (isName(m[0])) list.push(m[0]);
    names.set(s.docId, list);
  }
  for (const [k, v] of names) names.set(k, [...new Set(v)]);
  const ctx: Context = {
    random,
    isName,
    namesOfDoc: (d) => names.get(d) ?? [],
    elsewhere: (d) => {
      for (;;) {
        const s = pick(usable, random);
        if (s.docId !== d) return s;
      }
    },
  };
  const byLabel = new Map<Verdict, [string, Generator][]>();
  for (const [kind, [label, gen]] of Object.entries(GENERATORS)) {
    if (opts.labels && !opts.labels.includes(label)) continue;
    byLabel.set(label, [...(byLabel.get(label) ?? []), [kind, gen]]);
  }
  const out: GeneratedClaim[] = [];
  const seen = new Set<string>();
  const perLabel = Math.ceil(opts.count / Math.max(1, byLabel.size));
  for (const [label, gens] of byLabel) {
    let made = 0;
    for (let tries = 0; made < perLabel && tries < perLabel * 20; tries++) {
      const s = pick(usable, random);
      const [kind, gen] = pick(gens, random);
      const claim = gen(s, ctx);
      // A change that rounds back to the sentence itself ("1" × 0.5 → "1") is no refutation.
      if (!claim || seen.has(claim)) continue;
      if (label !== 'SUPPORTED' && clean(claim) === clean(s.text)) continue;
      seen.add(claim);
      out.push({ claim, label, docId: s.docId, kind });
      made++;
    }
  }
  return out;
}
