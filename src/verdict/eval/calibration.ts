/**
 * Calibration measures for the checker's confidence: reliability bins, expected calibration
 * error and a multiclass Brier score. Pure functions over plain arrays, no I/O.
 */

/** Equal-width confidence bins used by `factcheck eval` and its reliability diagram. */
export const RELIABILITY_BINS = 10;

/** One confidence bin [lo, hi) (the last one includes 1). */
export interface ReliabilityBin {
  lo: number;
  hi: number;
  /** How many answers have a confidence in this bin. */
  count: number;
  /** Mean confidence of those answers (0 when the bin is empty). */
  meanConfidence: number;
  /** Share of those answers that were right (0 when the bin is empty). */
  accuracy: number;
}

/**
 * Sorts answers into `nBins` equal-width bins of confidence in [0, 1]; every bin is returned,
 * empty ones with count 0. Confidences outside [0, 1] are clamped; a non-finite one is an error.
 */
export function reliabilityBins(
  confidences: readonly number[],
  correct: readonly boolean[],
  nBins: number = RELIABILITY_BINS,
): ReliabilityBin[] {
  if (!Number.isInteger(nBins) || nBins < 1)
    throw new RangeError(`nBins must be a positive integer, not ${nBins}.`);
  if (confidences.length !== correct.length)
    throw new RangeError(
      `${confidences.length} confidences but ${correct.length} correctness flags.`,
    );
  const sums = Array.from({ length: nBins }, () => ({ count: 0, conf: 0, right: 0 }));
  confidences.forEach((raw, i) => {
    if (!Number.isFinite(raw)) throw new RangeError(`Confidence ${i} is not a number: ${raw}.`);
    const c = Math.min(1, Math.max(0, raw));
    const s = sums[Math.min(nBins - 1, Math.floor(c * nBins))]!;
    s.count++;
    s.conf += c;
    if (correct[i]) s.right++;
  });
  return sums.map((s, b) => ({
    lo: b / nBins,
    hi: (b + 1) / nBins,
    count: s.count,
    meanConfidence: s.count === 0 ? 0 : s.conf / s.count,
    accuracy: s.count === 0 ? 0 : s.right / s.count,
  }));
}

/** Expected calibration error: the mean |accuracy - confidence| of the bins, weighted by count. */
export function expectedCalibrationError(bins: readonly ReliabilityBin[]): number {
  const n = bins.reduce((s, b) => s + b.count, 0);
  if (n === 0) return 0;
  return bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.accuracy - b.meanConfidence), 0);
}

/**
 * Multiclass Brier score: the mean over answers of sum_k (p_k - y_k)^2, where p is the predicted
 * distribution over the classes and y the one-hot gold label. 0 is perfect; the worst is 2.
 */
export function multiclassBrier(
  distributions: readonly (readonly number[])[],
  gold: readonly number[],
): number {
  if (distributions.length !== gold.length)
    throw new RangeError(`${distributions.length} distributions but ${gold.length} gold labels.`);
  if (distributions.length === 0) return 0;
  const total = distributions.reduce(
    (s, p, i) => s + p.reduce((t, pk, k) => t + (pk - (k === gold[i] ? 1 : 0)) ** 2, 0),
    0,
  );
  return total / distributions.length;
}

/**
 * A distribution over `classes` classes from the top answer alone: `confidence` on the predicted
 * class and the rest spread evenly over the others (the checker reports only its top confidence).
 */
export function topLabelDistribution(
  predicted: number,
  confidence: number,
  classes: number,
): number[] {
  const c = Math.min(1, Math.max(0, confidence));
  const rest = classes > 1 ? (1 - c) / (classes - 1) : 0;
  return Array.from({ length: classes }, (_, k) => (k === predicted ? c : rest));
}
