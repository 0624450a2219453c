/**
 * Multinomial logistic regression (softmax) on standardised features, fitted by full-batch
 * Adam with L2 regularisation and per-example weights. Small and deterministic: the
 * same data gives the same weights, so `factcheck train` reproduces the committed model.
 */

export interface SoftmaxModel {
  /** Per-feature mean and standard deviation used to standardise inputs. */
  mean: number[];
  std: number[];
  /** One row per class: bias first, then one weight per feature. */
  weights: number[][];
}

export interface FitOptions {
  classes: number;
  l2: number;
  iterations: number;
  learningRate: number;
  /** Per-example weights (default 1): balances sources and classes. */
  sampleWeights?: number[];
  /**
   * Orderings the weights must keep: feature k moves class `above` at least as much as class
   * `below` (more evidence of support never lowers the support score). Known directions keep a
   * small model from learning how a claim set happened to be written.
   */
  orderings?: { feature: number; above: number; below: number }[];
}

/** Index of the largest value (the first on ties). */
export const argmax = (xs: readonly number[]): number =>
  xs.reduce((best, v, i) => (v > xs[best]! ? i : best), 0);

export function softmax(logits: number[], temperature = 1): number[] {
  const scaled = logits.map((z) => z / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

function standardiser(xs: number[][]): { mean: number[]; std: number[] } {
  const d = xs[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  const seen = new Array<number>(d).fill(0);
  for (const x of xs)
    for (let k = 0; k < d; k++)
      if (!Number.isNaN(x[k])) {
        mean[k]! += x[k]!;
        seen[k]!++;
      }
  for (let k = 0; k < d; k++) mean[k]! /= Math.max(1, seen[k]!);
  for (const x of xs)
    for (let k = 0; k < d; k++)
      if (!Number.isNaN(x[k])) std[k]! += (x[k]! - mean[k]!) ** 2 / Math.max(1, seen[k]!);
  // A constant feature keeps scale 1 so its weight stays at zero under L2.
  return { mean, std: std.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Standardised features; a missing one (NaN: not measured for this input) sits at the mean. */
const standardise = (m: Pick<SoftmaxModel, 'mean' | 'std'>, x: number[]): number[] =>
  x.map((v, k) => (Number.isNaN(v) ? 0 : (v - m.mean[k]!) / m.std[k]!));

/** Class logits for one raw feature vector. */
export function logits(model: SoftmaxModel, x: number[]): number[] {
  const z = standardise(model, x);
  return model.weights.map((w) => w.reduce((a, wk, k) => a + wk * (k === 0 ? 1 : z[k - 1]!), 0));
}

/** Fits the model; `ys` are class indices. */
export function fitSoftmax(xs: number[][], ys: number[], opts: FitOptions): SoftmaxModel {
  const { mean, std } = standardiser(xs);
  const n = xs.length;
  const d = mean.length + 1;
  const C = opts.classes;
  // Flat typed arrays: the loop below runs classes × features × examples × iterations times.
  const z = new Float64Array(n * d);
  xs.forEach((x, i) => {
    z[i * d] = 1;
    const zs = standardise({ mean, std }, x);
    for (let k = 1; k < d; k++) z[i * d + k] = zs[k - 1]!;
  });
  const sw = Float64Array.from(opts.sampleWeights ?? xs.map(() => 1));
  const totalWeight = sw.reduce((a, b) => a + b, 0) || 1;
  const w = new Float64Array(C * d);
  const grad = new Float64Array(C * d);
  // Adam keeps the step size sensible for every feature without tuning a schedule.
  const m1 = new Float64Array(C * d);
  const m2 = new Float64Array(C * d);
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const p = new Float64Array(C);
  for (let it = 1; it <= opts.iterations; it++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const row = i * d;
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let acc = 0;
        for (let k = 0; k < d; k++) acc += w[c * d + k]! * z[row + k]!;
        p[c] = acc;
        if (acc > max) max = acc;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < C; c++) {
        const g = (sw[i]! * (p[c]! / sum - (ys[i] === c ? 1 : 0))) / totalWeight;
        for (let k = 0; k < d; k++) grad[c * d + k]! += g * z[row + k]!;
      }
    }
    for (let j = 0; j < C * d; j++) {
      const g = grad[j]! + (j % d === 0 ? 0 : opts.l2 * w[j]!);
      m1[j] = b1 * m1[j]! + (1 - b1) * g;
      m2[j] = b2 * m2[j]! + (1 - b2) * g * g;
      const mh = m1[j]! / (1 - b1 ** it);
      const vh = m2[j]! / (1 - b2 ** it);
      w[j]! -= (opts.learningRate * mh) / (Math.sqrt(vh) + eps);
    }
    // Projection onto the orderings: a pair that breaks its order meets in the middle.
    for (const { feature, above, below } of opts.orderings ?? []) {
      const a = above * d + feature + 1;
      const b = below * d + feature + 1;
      if (w[a]! < w[b]!) w[a] = w[b] = (w[a]! + w[b]!) / 2;
    }
  }
  const weights = Array.from({ length: C }, (_, c) => Array.from(w.subarray(c * d, (c + 1) * d)));
  return { mean, std, weights };
}

/** A held-out claim's logits, its label's class index and what it counts (default 1). */
export interface LabeledLogits {
  logits: number[];
  y: number;
  weight?: number;
}

/** Negative log-likelihood of the labels under the logits at a temperature (log-loss), weighted. */
export const logLoss = (held: LabeledLogits[], temperature: number): number =>
  held.reduce(
    (a, h) => a - (h.weight ?? 1) * Math.log(Math.max(1e-12, softmax(h.logits, temperature)[h.y]!)),
    0,
  );

/**
 * The temperature that minimises the negative log-likelihood of held-out logits (a grid search:
 * one parameter, so a grid is exact enough and cannot diverge).
 */
export function fitTemperature(held: LabeledLogits[]): number {
  // Nothing held out says nothing about calibration: leave the logits as they are.
  if (held.length === 0) return 1;
  let best = 1;
  let bestNll = Infinity;
  for (let t = 0.3; t <= 5; t += 0.05) {
    const nll = logLoss(held, t);
    if (nll < bestNll) [best, bestNll] = [Math.round(t * 100) / 100, nll];
  }
  return best;
}
