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
  /** Mostly CJK text: its embedding from the English-only encoder is not trusted. */
  isCjk?: boolean;
}

/** Each signal's value for a pair, and the combined score the thresholds apply to. */
export interface PairSimilarity {
  lexical: number;
  embedding: number;
  passages: number;
  score: number;
}

/** Cosine of two L2-normalised vectors. */
export function vectorCosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) dot += a[i] * b[i];
  return dot;
}

/**
 * Rank-weighted overlap of two ranked passage lists: the share of A's rank weight (1/(r+1))
 * that B also retrieved, made symmetric by averaging both directions. 1 = same list.
 */
export function passageOverlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const oneWay = (x: readonly string[], y: readonly string[]) => {
    const inY = new Set(y);
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
 * Weights of the combined score, from the weight grid of bench/moderation.bench.ts over
 * hand-written forwards of the dev claims: lexical overlap (with the checker's English rendering
 * of Chinese claims) separates same-rumor pairs best; the embedding adds a little; shared
 * retrieved passages mostly join different claims about one article (alone: recall 0.41 at 2%
 * false matches, against 0.89 for lexical), so they only break ties and stand in when a Chinese
 * claim has no English query.
 */
export const SIMILARITY_WEIGHTS = { lexical: 0.8, embedding: 0.15, passages: 0.05 } as const;

export type SimilarityWeights = { lexical: number; embedding: number; passages: number };

/** Each signal of a pair and whether both claims have it. */
export interface PairSignals {
  lexical: number;
  embedding: number;
  passages: number;
  has: { lexical: boolean; embedding: boolean; passages: boolean };
}

/** The signals of a pair, before weighting. */
export function pairSignals(a: ClaimFeatures, b: ClaimFeatures): PairSignals {
  const hasEmbedding = Boolean(a.embedding && b.embedding && !a.isCjk && !b.isCjk);
  const hasPassages = Boolean(a.passages?.length && b.passages?.length);
  return {
    // Same-language forwards match on their own words, cross-language ones on the English query.
    lexical: Math.max(
      gramCosine(a.grams, b.grams),
      gramCosine(a.queryGrams ?? a.grams, b.queryGrams ?? b.grams),
    ),
    embedding: hasEmbedding ? Math.max(0, vectorCosine(a.embedding!, b.embedding!)) : 0,
    passages: hasPassages ? passageOverlap(a.passages!, b.passages!) : 0,
    // Across scripts (no English query), shared grams are an accident: the signal is blind.
    has: {
      lexical: Boolean(a.isCjk) === Boolean(b.isCjk),
      embedding: hasEmbedding,
      passages: hasPassages,
    },
  };
}

/** The weighted mean of the signals both claims have. */
export function combineSignals(s: PairSignals, w: SimilarityWeights = SIMILARITY_WEIGHTS): number {
  let sum = 0;
  let weight = 0;
  for (const key of ['lexical', 'embedding', 'passages'] as const) {
    if (!s.has[key]) continue;
    sum += w[key] * s[key];
    weight += w[key];
  }
  return weight === 0 ? 0 : sum / weight;
}

/**
 * Similarity of two claims in [0, 1]: each signal, and their weighted mean over the signals both
 * claims have (so an exact repeat scores 1 whether or not the index was loaded).
 */
export function claimSimilarity(a: ClaimFeatures, b: ClaimFeatures): PairSimilarity {
  const signals = pairSignals(a, b);
  return {
    lexical: signals.lexical,
    embedding: signals.embedding,
    passages: signals.passages,
    score: combineSignals(signals),
  };
}
