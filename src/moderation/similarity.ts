import { figureAgreement, type ClaimFigures } from './figure-agreement.js';
import { gramCosine, type GramBag } from './text-grams.js';

/** What the clusterer knows about one claim; every signal is optional except the grams. */
export interface ClaimFeatures {
  /** Lexical features of the claim text. */
  grams: GramBag;
  /** Lexical features of the checker's English query, when it differs from the text. */
  queryGrams?: GramBag;
  /** L2-normalised sentence embedding of the claim (or of its English query). */
  embedding?: Float32Array;
  /**
   * Keys of the passages the claim retrieved, best first ("source:start"). Language-independent:
   * a Chinese and an English forward of one rumor retrieve the same passages.
   */
  passages?: readonly string[];
  /**
   * Mostly CJK text: the English-only encoder is trusted only on its English query, and a pair
   * with an English claim is scored as a cross-script pair.
   */
  isCjk?: boolean;
  /** For a Chinese claim: per word, the stems of its dictionary renderings (for `glossOverlap`). */
  glossTerms?: readonly (readonly string[])[];
  /**
   * Spans the checker's answer cited ("source:start-end"), when the claim has a check result:
   * forwards of one rumor in any language are settled by the same sentences.
   */
  cited?: readonly string[];
  /** The figures of the claim (of its English query for a Chinese claim), for `figureAgreement`. */
  figures?: ClaimFigures;
}

/** Each signal's value for a pair, and the combined score the thresholds apply to. */
export interface PairSimilarity {
  lexical: number;
  embedding: number;
  passages: number;
  gloss: number;
  cited: number;
  figures: number;
  score: number;
}

/** Cosine of two L2-normalised vectors. */
export function vectorCosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i] * b[i];
  return dot;
}

/** A claim's list as a set, kept per list (a claim is compared with many). */
const SETS = new WeakMap<readonly string[], ReadonlySet<string>>();
function setOf(list: readonly string[]): ReadonlySet<string> {
  let set = SETS.get(list);
  if (!set) SETS.set(list, (set = new Set(list)));
  return set;
}

/**
 * Rank-weighted overlap of two ranked passage lists: the share of A's rank weight (1/(r+1))
 * that B also retrieved, made symmetric by averaging both directions. 1 = same list.
 */
export function passageOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const oneWay = (x: readonly string[], y: readonly string[]) => {
    const inY = setOf(y);
    let shared = 0;
    let total = 0;
    x.forEach((key, rank) => {
      const w = 1 / (rank + 1);
      total += w;
      if (inY.has(key)) shared += w;
    });
    return shared / total;
  };
  return (oneWay(a, b) + oneWay(b, a)) / 2;
}

/**
 * Jaccard overlap of the spans two answers cited. Measured on the paraphrase groups: it separates
 * rumors better than the rank-weighted overlap used for retrieved passages (the checker's
 * citation order follows stance, not relevance) and than "any span shared" (bench/moderation).
 */
export function citedOverlap(a: readonly string[], b: readonly string[]): number {
  const inA = setOf(a);
  const inB = setOf(b);
  let shared = 0;
  for (const key of inB) if (inA.has(key)) shared++;
  return shared / Math.max(1, inA.size + inB.size - shared);
}

/** The signals of a pair the score combines. */
export const SIGNALS = ['lexical', 'embedding', 'passages', 'gloss', 'cited', 'figures'] as const;
export type Signal = (typeof SIGNALS)[number];

/** Logistic weights of one kind of pair: a bias and one weight per signal (0 = unused). */
export type PairWeights = { bias: number } & Record<Signal, number>;

/**
 * The pair model: a logistic regression of "same rumor" on the signals, one set of weights for
 * pairs written in one script and one for a Chinese and an English forward, so that both kinds
 * of pair land on one probability scale and one threshold treats them alike (across scripts the
 * lexical signal only sees a word-by-word translation and runs lower for the same evidence).
 * Fitted by bench/moderation.bench.ts on the fitting half of the paraphrase groups (balanced
 * classes, L2 0.01), rounded; the held-out half checks it. The gloss signal exists only across
 * scripts; the cited signal needs both claims' check results (the service always has them).
 */
export const PAIR_MODEL: Readonly<Record<'sameScript' | 'crossScript', PairWeights>> = {
  sameScript: {
    bias: -3.3,
    lexical: 1.5,
    embedding: 1.4,
    passages: 1.8,
    gloss: 0,
    cited: 1.4,
    figures: 2.3,
  },
  crossScript: {
    bias: -2.7,
    lexical: 1.7,
    embedding: 2.2,
    passages: 0.5,
    gloss: 2.2,
    cited: 1.6,
    figures: 1.9,
  },
};

/** Each signal of a pair, whether both claims have it, and whether the pair crosses scripts. */
export interface PairSignals extends Record<Signal, number> {
  has: Record<Signal, boolean>;
  isCrossScript: boolean;
}

/** A claim that can be compared in English: written in it, or with the checker's translation. */
const hasEnglish = (f: ClaimFeatures) => !f.isCjk || f.queryGrams !== undefined;

/** Word stems of a bag, kept per bag (a claim is compared with many). */
const STEMS = new WeakMap<GramBag, ReadonlySet<string>>();
function stemsOf(bag: GramBag): ReadonlySet<string> {
  let stems = STEMS.get(bag);
  if (!stems) {
    stems = new Set([...bag.keys()].filter((g) => g.startsWith('w:')).map((g) => g.slice(2)));
    STEMS.set(bag, stems);
  }
  return stems;
}

/**
 * Share of a Chinese claim's words whose dictionary renderings (any of them) the English claim
 * uses, and of the English claim's content stems found among all those renderings; their
 * geometric mean. Catches synonyms the one-gloss translation misses ("remove"/"get rid of").
 */
export function glossOverlap(glossTerms: readonly (readonly string[])[], english: GramBag): number {
  const stems = stemsOf(english);
  if (glossTerms.length === 0 || stems.size === 0) return 0;
  const covered = glossTerms.filter((alts) => alts.some((s) => stems.has(s))).length;
  const renderings = new Set(glossTerms.flat());
  const used = [...stems].filter((s) => renderings.has(s)).length;
  return Math.sqrt((covered / glossTerms.length) * (used / stems.size));
}

/** The figures signal of a pair; undefined (left out) when neither of the two states a figure. */
function figuresOf(a: ClaimFeatures, b: ClaimFeatures): number | undefined {
  if (!a.figures || !b.figures) return undefined;
  return figureAgreement(a.figures, b.figures);
}

/** Whether the pair may have the figures signal: one of the two states a figure. */
const mayCompareFigures = (a: ClaimFeatures, b: ClaimFeatures): boolean =>
  Boolean(a.figures && b.figures) &&
  (a.figures!.quantities.length > 0 || b.figures!.quantities.length > 0);

/** The signals with the figures signal set to `agreement`, or left out when it is undefined. */
const withFigures = (s: PairSignals, agreement: number | undefined): PairSignals => ({
  ...s,
  figures: agreement ?? 0,
  has: { ...s.has, figures: agreement !== undefined },
});

/** The signals of a pair, before weighting. */
export function pairSignals(a: ClaimFeatures, b: ClaimFeatures): PairSignals {
  return withFigures(signalsButFigures(a, b), figuresOf(a, b));
}

/** The signals of a pair but the figures, the costly one (left out: `has.figures` is false). */
function signalsButFigures(a: ClaimFeatures, b: ClaimFeatures): PairSignals {
  const isCrossScript = Boolean(a.isCjk) !== Boolean(b.isCjk);
  const english = hasEnglish(a) && hasEnglish(b);
  const hasEmbedding = Boolean(a.embedding && b.embedding && english);
  const hasPassages = Boolean(a.passages?.length && b.passages?.length);
  const [zh, en] = a.isCjk ? [a, b] : [b, a];
  const hasGloss = isCrossScript && Boolean(zh.glossTerms?.length);
  const hasCited = Boolean(a.cited?.length && b.cited?.length);
  return {
    // Same-language forwards match on their own words, cross-language ones on the English query.
    lexical:
      a.queryGrams || b.queryGrams
        ? Math.max(
            gramCosine(a.grams, b.grams),
            gramCosine(a.queryGrams ?? a.grams, b.queryGrams ?? b.grams),
          )
        : gramCosine(a.grams, b.grams),
    embedding: hasEmbedding ? Math.max(0, vectorCosine(a.embedding!, b.embedding!)) : 0,
    passages: hasPassages ? passageOverlap(a.passages!, b.passages!) : 0,
    gloss: hasGloss ? glossOverlap(zh.glossTerms!, en.grams) : 0,
    cited: hasCited ? citedOverlap(a.cited!, b.cited!) : 0,
    figures: 0,
    isCrossScript,
    // Across scripts without an English query, shared grams are an accident: the signal is blind.
    has: {
      lexical: !isCrossScript || english,
      embedding: hasEmbedding,
      passages: hasPassages,
      gloss: hasGloss,
      cited: hasCited,
      figures: false,
    },
  };
}

/**
 * The model's probability that the pair is one rumor. A signal the pair lacks (no index loaded
 * yet, no translation) takes the mean of those it has, so missing evidence neither helps nor
 * hurts; with no signal at all the score is 0.
 */
export function combineSignals(s: PairSignals, model = PAIR_MODEL): number {
  const w = s.isCrossScript ? model.crossScript : model.sameScript;
  // Plain loops: this runs for every member of every cluster a claim is matched against.
  let present = 0;
  let sum = 0;
  for (const k of SIGNALS) {
    if (w[k] !== 0 && s.has[k]) {
      present++;
      sum += s[k];
    }
  }
  if (present === 0) return 0;
  const fill = sum / present;
  let z = w.bias;
  for (const k of SIGNALS) if (w[k] !== 0) z += w[k] * (s.has[k] ? s[k] : fill);
  return 1 / (1 + Math.exp(-z));
}

const similarityOf = (signals: PairSignals): PairSimilarity => ({
  lexical: signals.lexical,
  embedding: signals.embedding,
  passages: signals.passages,
  gloss: signals.gloss,
  cited: signals.cited,
  figures: signals.figures,
  score: combineSignals(signals),
});

/** Similarity of two claims in [0, 1]: each signal, and the model's combined score. */
export function claimSimilarity(a: ClaimFeatures, b: ClaimFeatures): PairSimilarity {
  return similarityOf(pairSignals(a, b));
}

/**
 * A pair scored without reading its figures, the costly signal. When one of the two states a
 * figure, `pending` holds the other signals and `score` is an upper bound: the score with full
 * figure agreement (it rises with every signal: no weight is negative); `settlePair` gives the
 * exact similarity. Otherwise the similarity is exact.
 */
export interface ScoredPair {
  similarity: PairSimilarity;
  pending?: PairSignals;
}

export function scorePairLazily(a: ClaimFeatures, b: ClaimFeatures): ScoredPair {
  if (!mayCompareFigures(a, b)) return { similarity: claimSimilarity(a, b) };
  const pending = signalsButFigures(a, b);
  return { similarity: similarityOf(withFigures(pending, 1)), pending };
}

export function settlePair(
  a: ClaimFeatures,
  b: ClaimFeatures,
  pending: PairSignals,
): PairSimilarity {
  return similarityOf(withFigures(pending, figuresOf(a, b)));
}
