/**
 * Fits the pair model of src/moderation/similarity.ts (PAIR_MODEL): a logistic regression of
 * "same rumor" on the pair signals, one per kind of pair (same script, Chinese-English), with
 * balanced classes and a small L2 penalty on the weights. Pure; the benchmark prints the result.
 */
import {
  SIGNALS,
  combineSignals,
  type PairSignals,
  type PairWeights,
  type Signal,
  PAIR_MODEL,
} from '../src/moderation/similarity.js';

export interface LabelledPair {
  same: boolean;
  signals: PairSignals;
}

const L2 = 0.01;

/** Weights that use no signal (bias 0). */
export const zeroWeights = (): PairWeights =>
  ({ bias: 0, ...Object.fromEntries(SIGNALS.map((k) => [k, 0])) }) as PairWeights;
const STEPS = 3000;
const RATE = 2;

/** The inputs the model sees: each used signal, a missing one filled as combineSignals does. */
function inputs(s: PairSignals, used: readonly Signal[]): number[] {
  const present = used.filter((k) => s.has[k]);
  const fill = present.reduce((sum, k) => sum + s[k], 0) / Math.max(1, present.length);
  return used.map((k) => (s.has[k] ? s[k] : fill));
}

function fitKind(pairs: readonly LabelledPair[], used: readonly Signal[]): PairWeights {
  const xs = pairs.map((p) => inputs(p.signals, used));
  const positives = pairs.filter((p) => p.same).length;
  const w = new Array<number>(used.length).fill(0);
  let bias = 0;
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(used.length).fill(0);
    let gradBias = 0;
    pairs.forEach((p, k) => {
      const z = xs[k].reduce((sum, v, i) => sum + v * w[i], bias);
      const share = p.same ? 0.5 / positives : 0.5 / (pairs.length - positives);
      const err = (1 / (1 + Math.exp(-z)) - (p.same ? 1 : 0)) * share;
      xs[k].forEach((v, i) => (grad[i] += err * v));
      gradBias += err;
    });
    for (let i = 0; i < w.length; i++) w[i] -= RATE * (grad[i] + L2 * w[i]);
    bias -= RATE * gradBias;
  }
  const out: PairWeights = { ...zeroWeights(), bias };
  used.forEach((k, i) => (out[k] = w[i]));
  return out;
}

/**
 * The fitted model; the gloss signal is used across scripts only (it is 0 within one), and the
 * cited signal only when `signals` includes it.
 */
export function fitPairModel(
  pairs: readonly LabelledPair[],
  signals: readonly Signal[] = SIGNALS,
): typeof PAIR_MODEL {
  const within = signals.filter((k) => k !== 'gloss');
  return {
    sameScript: fitKind(
      pairs.filter((p) => !p.signals.isCrossScript),
      within,
    ),
    crossScript: fitKind(
      pairs.filter((p) => p.signals.isCrossScript),
      signals,
    ),
  };
}

/** Same-rumor and different-rumor scores of labelled pairs under a model. */
export function scoresUnder(
  pairs: readonly LabelledPair[],
  model: typeof PAIR_MODEL,
): { same: number[]; different: number[] } {
  const same: number[] = [];
  const different: number[] = [];
  for (const p of pairs) (p.same ? same : different).push(combineSignals(p.signals, model));
  return { same, different };
}
