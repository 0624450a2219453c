import { gramCosine, type GramBag } from './text-grams.js';

/** What the clusterer knows about one claim; every signal is optional except the grams. */
export interface ClaimFeatures {
  /** Lexical features of the claim text (and of the checker's English query, when it differs). */
  grams: GramBag;
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
 * Weights of the combined score, chosen from the pair distributions measured by
 * bench/moderation.bench.ts: lexical overlap separates same-language paraphrases best, the
 * embedding adds robustness to rewording, and shared retrieved passages are the only signal that
 * crosses languages, but alone they also join different claims about one article.
 */
export const SIMILARITY_WEIGHTS = { lexical: 0.45, embedding: 0.3, passages: 0.25 } as const;

/**
 * Similarity of two claims in [0, 1]: each signal, and their weighted mean over the signals both
 * claims have (so an exact repeat scores 1 whether or not the index was loaded). Across scripts,
 * without an English query, the lexical and embedding signals are blind and are left out.
 */
export function claimSimilarity(a: ClaimFeatures, b: ClaimFeatures): PairSimilarity {
  const lexical = gramCosine(a.grams, b.grams);
  const isCrossScript = Boolean(a.isCjk) !== Boolean(b.isCjk);
  const hasEmbedding = Boolean(a.embedding && b.embedding && !a.isCjk && !b.isCjk);
  const hasPassages = Boolean(a.passages?.length && b.passages?.length);
  const embedding = hasEmbedding ? Math.max(0, vectorCosine(a.embedding!, b.embedding!)) : 0;
  const passages = hasPassages ? passageOverlap(a.passages!, b.passages!) : 0;
  const w = SIMILARITY_WEIGHTS;
  let sum = 0;
  let weight = 0;
  if (!isCrossScript) {
    sum += w.lexical * lexical;
    weight += w.lexical;
  }
  if (hasEmbedding) {
    sum += w.embedding * embedding;
    weight += w.embedding;
  }
  if (hasPassages) {
    sum += w.passages * passages;
    weight += w.passages;
  }
  return { lexical, embedding, passages, score: weight === 0 ? 0 : sum / weight };
}
