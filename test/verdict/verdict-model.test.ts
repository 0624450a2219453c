/**
 * Specification tests for the learned verdict model (src/verdict/model/): the softmax fit, its
 * kept directions and missing features, calibration (temperature, abstention bias), the
 * leave-articles-out protocol and sample weighting, the cross-validation report, the shipped
 * model file, re-deciding a judgement, generated claims and the CSV reader. Pure and fast: small
 * invented inputs drawn from a seeded generator, no index and no encoder.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../src/errors.js';
import type { Passage, Verdict } from '../../src/types.js';
import {
  buildSentenceStore,
  type EvidenceSentence,
} from '../../src/verdict/evidence/sentence-store.js';
import type { Judgement, SentenceJudgement } from '../../src/verdict/stance/judge.js';
import { healthVerPairs, parseCsv } from '../../src/verdict/model/datasets.js';
import {
  FEATURE_GROUPS,
  FEATURE_NAMES,
  FEATURE_ORDERINGS,
  featureArray,
  type FeatureName,
  type FeatureVector,
} from '../../src/verdict/model/features.js';
import { pick, seededRandom, shuffle } from '../../src/verdict/model/random.js';
import { cvReport } from '../../src/verdict/model/report.js';
import {
  fitSoftmax,
  fitTemperature,
  logits,
  softmax,
  type FitOptions,
  type SoftmaxModel,
} from '../../src/verdict/model/softmax.js';
import { generateClaims } from '../../src/verdict/model/synthetic.js';
import {
  calibrateFolds,
  calibration,
  DEFAULT_TRAIN,
  fitModel,
  leaveArticlesOut,
  macroF1,
  sampleLogits,
  type Calibrated,
  type HeldOut,
  type Sample,
  type SampleSource,
  type TrainOptions,
} from '../../src/verdict/model/train.js';
import {
  applyVerdict,
  CLASSES,
  loadVerdictModel,
  verdictModel,
  withNeiBias,
  type VerdictModelFile,
} from '../../src/verdict/model/verdict-model.js';

const SHIPPED = fileURLToPath(
  new URL('../../src/verdict/model/verdict-model.json', import.meta.url),
);

/** A standard normal draw (Box–Muller) from a seeded uniform generator. */
const normal = (random: () => number): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const argmax = (p: number[]): number => p.reduce((b, v, i) => (v > p[b]! ? i : b), 0);

const col = (name: FeatureName): number => FEATURE_NAMES.indexOf(name);

/** Sample from a discrete distribution. */
const draw = (p: number[], random: () => number): number => {
  let u = random();
  for (let c = 0; c < p.length; c++) if ((u -= p[c]!) < 0) return c;
  return p.length - 1;
};

const BASE_FIT: FitOptions = { classes: 3, l2: 0.01, iterations: 200, learningRate: 0.1 };

describe('seeded random helpers', () => {
  it('repeat the same sequence for a seed, stay in [0, 1), and differ across seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 200 }, () => a());
    expect(Array.from({ length: 200 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const c = seededRandom(43);
    expect(Array.from({ length: 200 }, () => c())).not.toEqual(xs);
  });

  it('shuffle returns a permutation without touching its input; pick returns an item', () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const copy = [...items];
    const out = shuffle(items, seededRandom(1));
    expect(items).toEqual(copy);
    expect([...out].sort((x, y) => x - y)).toEqual(items);
    expect(shuffle(items, seededRandom(1))).toEqual(out);
    const random = seededRandom(2);
    for (let i = 0; i < 20; i++) expect(items).toContain(pick(items, random));
  });
});

describe('softmax regression', () => {
  /** Points around three centres; a third feature is constant. */
  function toyProblem(seed: number, n = 150): { xs: number[][]; ys: number[] } {
    const random = seededRandom(seed);
    const centres = [
      [0, 0],
      [3, 0],
      [0, 3],
    ];
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = i % 3;
      xs.push([centres[y]![0]! + 0.6 * normal(random), centres[y]![1]! + 0.6 * normal(random), 7]);
      ys.push(y);
    }
    return { xs, ys };
  }

  it('softmax gives probabilities that sum to 1; a higher temperature flattens them', () => {
    const p = softmax([2, 0, -1]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(argmax(p)).toBe(0);
    const flat = softmax([2, 0, -1], 4);
    expect(flat[0]!).toBeLessThan(p[0]!);
    expect(flat[2]!).toBeGreaterThan(p[2]!);
    // Large logits do not overflow.
    expect(softmax([1000, 999, 0]).every(Number.isFinite)).toBe(true);
  });

  it('separates a toy 3-class problem (> 90% training accuracy), deterministically', () => {
    const { xs, ys } = toyProblem(11);
    const model = fitSoftmax(xs, ys, BASE_FIT);
    expect(model.weights).toHaveLength(3);
    expect(model.weights.every((w) => w.length === 4)).toBe(true);
    const accuracy = xs.filter((x, i) => argmax(logits(model, x)) === ys[i]).length / xs.length;
    expect(accuracy).toBeGreaterThan(0.9);
    // Same data, same weights: `factcheck train` reproduces the committed model.
    expect(fitSoftmax(xs, ys, BASE_FIT)).toEqual(model);
  });

  it('standardises features: mean and (population) std per column; a constant column keeps scale 1 and weight 0', () => {
    const { xs, ys } = toyProblem(12);
    const model = fitSoftmax(xs, ys, BASE_FIT);
    const mean0 = xs.reduce((a, x) => a + x[0]!, 0) / xs.length;
    const sd0 = Math.sqrt(xs.reduce((a, x) => a + (x[0]! - mean0) ** 2, 0) / xs.length);
    expect(model.mean[0]).toBeCloseTo(mean0, 10);
    expect(model.std[0]).toBeCloseTo(sd0, 10);
    expect(model.mean[2]).toBe(7);
    expect(model.std[2]).toBe(1);
    for (const w of model.weights) expect(w[3]).toBe(0);
  });

  it('keeps an ordering {feature, above, below} even when the data pull the other way', () => {
    // Feature 0 marks class 1; the ordering says it must raise class 0 at least as much.
    const random = seededRandom(5);
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 120; i++) {
      const y = i % 3;
      xs.push([(y === 1 ? 2 : 0) + 0.5 * normal(random), (y === 2 ? 2 : 0) + 0.5 * normal(random)]);
      ys.push(y);
    }
    const free = fitSoftmax(xs, ys, BASE_FIT);
    expect(free.weights[1]![1]!).toBeGreaterThan(free.weights[0]![1]! + 0.5);
    const kept = fitSoftmax(xs, ys, {
      ...BASE_FIT,
      orderings: [{ feature: 0, above: 0, below: 1 }],
    });
    expect(kept.weights[0]![1]!).toBeGreaterThanOrEqual(kept.weights[1]![1]! - 1e-12);
    // The other feature is still learned.
    expect(kept.weights[2]![2]!).toBeGreaterThan(kept.weights[0]![2]!);
  });

  it('treats NaN as missing: excluded from the mean and std, and scored as the training mean', () => {
    const { xs, ys } = toyProblem(13);
    const holed = xs.map((x, i) => (i % 4 === 0 ? [NaN, x[1]!, x[2]!] : x));
    const model = fitSoftmax(holed, ys, BASE_FIT);
    const seen = holed.filter((x) => !Number.isNaN(x[0]));
    const mean0 = seen.reduce((a, x) => a + x[0]!, 0) / seen.length;
    const sd0 = Math.sqrt(seen.reduce((a, x) => a + (x[0]! - mean0) ** 2, 0) / seen.length);
    expect(model.mean[0]).toBeCloseTo(mean0, 10);
    expect(model.std[0]).toBeCloseTo(sd0, 10);
    expect(model.weights.flat().every(Number.isFinite)).toBe(true);
    for (const v of [-1, 0.5, 4]) {
      expect(logits(model, [NaN, v, 7])).toEqual(logits(model, [model.mean[0]!, v, 7]));
    }
    // A column never measured: mean 0, scale 1, and it carries no weight.
    const unmeasured = fitSoftmax(
      xs.map((x) => [x[0]!, x[1]!, NaN]),
      ys,
      BASE_FIT,
    );
    expect(unmeasured.mean[2]).toBe(0);
    expect(unmeasured.std[2]).toBe(1);
    for (const w of unmeasured.weights) expect(w[3]).toBe(0);
  });

  it('honours per-example weights: a weight-0 example does not move the fit once scaling is fixed', () => {
    const { xs, ys } = toyProblem(14, 90);
    const base = fitSoftmax(xs, ys, { ...BASE_FIT, sampleWeights: xs.map(() => 1) });
    // Same points twice (so the standardisation is unchanged), the copies with wrong labels and no weight.
    const model = fitSoftmax([...xs, ...xs], [...ys, ...ys.map((y) => (y + 1) % 3)], {
      ...BASE_FIT,
      sampleWeights: [...xs.map(() => 1), ...xs.map(() => 0)],
    });
    model.weights.flat().forEach((w, i) => expect(w).toBeCloseTo(base.weights.flat()[i]!, 8));
  });
});

describe('temperature', () => {
  /** Logits of three classes and labels drawn from softmax(logits): calibrated by construction. */
  function calibratedSet(seed: number, n = 3000): { logits: number[]; y: number }[] {
    const random = seededRandom(seed);
    return Array.from({ length: n }, () => {
      const z = [0, 1, 2].map(() => 1.5 * normal(random));
      return { logits: z, y: draw(softmax(z), random) };
    });
  }

  it('is about 1 (within 0.3) for logits that are already calibrated', () => {
    expect(Math.abs(fitTemperature(calibratedSet(21)) - 1)).toBeLessThanOrEqual(0.3);
  });

  it('is > 1 for overconfident logits and < 1 for underconfident ones', () => {
    const set = calibratedSet(22);
    const over = fitTemperature(set.map((h) => ({ logits: h.logits.map((z) => 3 * z), y: h.y })));
    expect(over).toBeGreaterThan(2);
    const under = fitTemperature(set.map((h) => ({ logits: h.logits.map((z) => z / 3), y: h.y })));
    expect(under).toBeLessThan(0.6);
  });

  it('stays on its grid [0.3, 5] in steps of 0.05', () => {
    const sure = Array.from({ length: 50 }, (_, i) => ({ logits: [5, 0, 0], y: i % 3 }));
    const t = fitTemperature(sure);
    expect(t).toBeGreaterThanOrEqual(0.3);
    expect(t).toBeLessThanOrEqual(5);
    expect(Math.abs(t * 20 - Math.round(t * 20))).toBeLessThan(1e-9);
  });
});

describe('abstention bias and macro-F1', () => {
  const repeat = <T>(n: number, make: (i: number) => T): T[] =>
    Array.from({ length: n }, (_, i) => make(i));

  it('macroF1 averages per-class F1 over the three classes', () => {
    // SUP: tp 2 fp 1 fn 0 -> 0.8; REF: tp 1 fp 1 fn 1 -> 0.5; NEI: tp 0 -> 0.
    expect(macroF1([0, 0, 1, 1, 2], [0, 0, 1, 0, 1])).toBeCloseTo((0.8 + 0.5 + 0) / 3, 12);
    expect(macroF1([0, 1, 2], [0, 1, 2])).toBe(1);
  });

  it('raises the NOT_ENOUGH_INFO bias when NEI is under-predicted', () => {
    const held = [
      ...repeat(10, () => ({ logits: [2, 0, 0], y: 0 })),
      ...repeat(10, () => ({ logits: [0, 2, 0], y: 1 })),
      // NEI claims whose NEI logit trails the SUPPORTED one by 0.45: read as supported.
      ...repeat(10, () => ({ logits: [1, 0, 0.55], y: 2 })),
    ];
    const { neiBias } = calibration(held);
    expect(neiBias).toBeGreaterThan(0.45);
    // Every verdict is right with it.
    expect(held.every((h) => argmax(withNeiBias(h.logits, neiBias)) === h.y)).toBe(true);
  });

  it('lowers it when NEI is over-predicted, and leaves it at 0 when nothing is gained', () => {
    const over = [
      ...repeat(10, () => ({ logits: [1, 0, 1.25], y: 0 })),
      ...repeat(10, () => ({ logits: [0, 2, 0], y: 1 })),
      ...repeat(10, () => ({ logits: [0, 0, 2], y: 2 })),
    ];
    expect(calibration(over).neiBias).toBeLessThan(0);
    const right = [
      ...repeat(10, () => ({ logits: [3, 0, 0], y: 0 })),
      ...repeat(10, () => ({ logits: [0, 3, 0], y: 1 })),
      ...repeat(10, () => ({ logits: [0, 0, 3], y: 2 })),
    ];
    expect(calibration(right).neiBias).toBeCloseTo(0, 12);
  });

  it('weighs each held-out claim by its weight: weight 2 reads as the claim twice, weight 0 as left out', () => {
    const random = seededRandom(11);
    const held = repeat(300, () => {
      const z = [0, 1, 2].map(() => 1.5 * normal(random));
      return { logits: [z[0]!, z[1]!, z[2]! - 0.6], y: draw(softmax(z), random) };
    });
    // The first third (the NEI-heavy ones are spread through) counts double, the last third not at all.
    const weighted = held.map((h, i) => ({ ...h, weight: i < 100 ? 2 : i < 200 ? 1 : 0 }));
    const spelled = [...held.slice(0, 100), ...held.slice(0, 200)];
    expect(calibration(weighted)).toEqual(calibration(spelled));
    expect(calibration(weighted)).not.toEqual(calibration(held));
  });

  it('moves the bias little when a few held-out claims change', () => {
    const random = seededRandom(7);
    const held = repeat(900, () => {
      const z = [0, 1, 2].map(() => 1.5 * normal(random));
      return { logits: [z[0]!, z[1]!, z[2]! - 0.4], y: draw(softmax(z), random) };
    });
    const a = calibration(held).neiBias;
    const b = calibration(held.slice(0, 880)).neiBias;
    expect(a).toBeGreaterThan(0);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(0.1 + 1e-9);
  });

  it('calibration fits the temperature for the biased logits, and no other bias fits better', () => {
    const random = seededRandom(31);
    const held = repeat(600, () => {
      const z = [0, 1, 2].map(() => 1.5 * normal(random));
      return { logits: z.map((v) => 2 * v), y: draw(softmax(z), random) };
    });
    const { neiBias, temperature } = calibration(held);
    const loss = (b: number) => {
      const biased = held.map((h) => ({ logits: withNeiBias(h.logits, b), y: h.y }));
      const t = fitTemperature(biased);
      return biased.reduce((a, h) => a - Math.log(softmax(h.logits, t)[h.y]!), 0);
    };
    expect(loss(neiBias)).toBeLessThanOrEqual(loss(neiBias + 0.1));
    expect(loss(neiBias)).toBeLessThanOrEqual(loss(neiBias - 0.1));
    expect(temperature).toBe(
      fitTemperature(
        held.map((h) => ({ logits: h.logits.map((z, c) => (c === 2 ? z + neiBias : z)), y: h.y })),
      ),
    );
    expect(temperature).toBeGreaterThan(1.3);
  });
});

/** Invented labelled samples: support/refute scores and the rule flags follow the label, noisily. */
function makeSamples(
  random: () => number,
  opts: { source: SampleSource; groups: string[]; perClass: number; noise?: number },
): Sample[] {
  const out: Sample[] = [];
  for (const group of opts.groups)
    for (const [c, label] of CLASSES.entries())
      for (let i = 0; i < opts.perClass; i++) {
        const x = FEATURE_NAMES.map(() => random());
        const noisy = random() < (opts.noise ?? 0.2);
        const shown = noisy ? CLASSES[(c + 1) % 3]! : label;
        x[col('best_support')] = (shown === 'SUPPORTED' ? 0.8 : 0.2) + 0.1 * normal(random);
        x[col('best_refute')] = (shown === 'REFUTED' ? 0.8 : 0.2) + 0.1 * normal(random);
        x[col('cov_sentence')] =
          shown === 'NOT_ENOUGH_INFO' ? 0.2 * random() : 0.5 + 0.5 * random();
        x[col('rule_supports')] = shown === 'SUPPORTED' ? 1 : 0;
        x[col('rule_refutes')] = shown === 'REFUTED' ? 1 : 0;
        // No encoder for some claims: a missing feature.
        if (random() < 0.3) x[col('dense')] = NaN;
        out.push({
          id: `${opts.source}-${group}-${label}-${i}`,
          x,
          label,
          source: opts.source,
          group,
          lang: i % 2 === 0 ? 'en' : 'zh',
          style: 'plain',
        });
      }
  return out;
}

/** Short training runs keep the suite fast; the protocol is what is under test. */
const QUICK: TrainOptions = { ...DEFAULT_TRAIN, iterations: 120, bags: 1 };

const flatWeights = (f: VerdictModelFile): number[] => f.model.weights.flat();

/** The FEATURE_ORDERINGS a model file breaks (weight of `above` below that of `below`). */
const orderingViolations = (file: VerdictModelFile): string[] =>
  FEATURE_ORDERINGS.flatMap(([feature, above, below]) => {
    const k = file.features.indexOf(feature) + 1;
    if (k === 0) return [];
    const w = file.model.weights;
    return w[CLASSES.indexOf(above)]![k]! >= w[CLASSES.indexOf(below)]![k]! - 1e-9
      ? []
      : [`${feature}: ${above} < ${below}`];
  });

describe('fitModel and sample weighting', () => {
  it('fits the chosen feature groups and keeps FEATURE_ORDERINGS even against the data', () => {
    const random = seededRandom(41);
    const samples = makeSamples(random, { source: 'own', groups: ['a', 'b'], perClass: 15 });
    // Pull every kept direction the wrong way: the rule flags and coverage mark the other class.
    for (const s of samples) {
      const wrong = CLASSES[(CLASSES.indexOf(s.label) + 1) % 3]!;
      s.x[col('rule_supports')] = wrong === 'SUPPORTED' ? 1 : 0;
      s.x[col('rule_refutes')] = wrong === 'REFUTED' ? 1 : 0;
      s.x[col('cov_sentence')] = s.label === 'REFUTED' ? 1 : 0;
      s.x[col('term_count')] = s.label === 'SUPPORTED' ? 1 : 0;
    }
    const file = fitModel(samples, QUICK);
    expect(file.format).toBe('factcheck-verdict-model/1');
    expect(file.features).toEqual([...FEATURE_NAMES]);
    expect(file.temperature).toBe(1);
    expect(file.neiBias).toBe(0);
    expect(orderingViolations(file)).toEqual([]);
    // Without the orderings the same data would break some of them.
    const free = fitSoftmax(
      samples.map((s) => s.x),
      samples.map((s) => CLASSES.indexOf(s.label)),
      { classes: 3, l2: QUICK.l2, iterations: QUICK.iterations, learningRate: QUICK.learningRate },
    );
    expect(orderingViolations({ ...file, model: free }).length).toBeGreaterThan(0);
    const some = fitModel(samples, { ...QUICK, groups: ['alignment', 'rule'] });
    expect(some.features).toEqual([...FEATURE_GROUPS.alignment, ...FEATURE_GROUPS.rule]);
    expect(some.model.weights.every((w) => w.length === some.features.length + 1)).toBe(true);
  });

  it("weighs every class of every source equally, each source totalling its weight times the own count, counts being sums of the examples' own weights", () => {
    const random = seededRandom(42);
    // Own: 6 SUPPORTED, 3 REFUTED, 3 NOT_ENOUGH_INFO; public: 4 SUPPORTED, 2 REFUTED (two classes).
    const own = makeSamples(random, { source: 'own', groups: ['a'], perClass: 6 }).filter(
      (s, i) => s.label === 'SUPPORTED' || i % 2 === 0,
    );
    const pub = makeSamples(random, { source: 'public', groups: ['p'], perClass: 4 }).filter(
      (s, i) => s.label === 'SUPPORTED' || (s.label === 'REFUTED' && i % 2 === 0),
    );
    // Two own claims count half each (a document set's claims may count less than the seeds').
    const samples = [...own.map((s, i) => (i < 2 ? { ...s, weight: 0.5 } : s)), ...pub];
    const opts: TrainOptions = { ...QUICK, sourceWeight: { own: 1, synthetic: 0, public: 0.5 } };
    const count = (src: SampleSource, label?: Verdict) =>
      samples
        .filter((s) => s.source === src && (label === undefined || s.label === label))
        .reduce((n, s) => n + (s.weight ?? 1), 0);
    expect([
      count('own', 'SUPPORTED'),
      count('own', 'REFUTED'),
      count('public', 'REFUTED'),
      count('own'),
    ]).toEqual([5, 3, 2, 11]);
    const expected = samples.map((s) =>
      s.source === 'own'
        ? ((s.weight ?? 1) * count('own')) / 3 / count('own', s.label)
        : (0.5 * count('own')) / 2 / count('public', s.label),
    );
    // Each own class totals a third of the own count, whatever its examples' weights.
    for (const label of CLASSES)
      expect(
        expected.reduce(
          (n, w, i) => n + (samples[i]!.source === 'own' && samples[i]!.label === label ? w : 0),
          0,
        ),
      ).toBeCloseTo(11 / 3, 12);
    expect(samples.filter((s) => s.weight === 0.5)).toHaveLength(2);
    const direct = fitSoftmax(
      samples.map((s) => s.x),
      samples.map((s) => CLASSES.indexOf(s.label)),
      {
        classes: 3,
        l2: opts.l2,
        iterations: opts.iterations,
        learningRate: opts.learningRate,
        sampleWeights: expected,
        orderings: FEATURE_ORDERINGS.map(([f, above, below]) => ({
          feature: FEATURE_NAMES.indexOf(f),
          above: CLASSES.indexOf(above),
          below: CLASSES.indexOf(below),
        })),
      },
    );
    const fitted = fitModel(samples, opts);
    flatWeights(fitted).forEach((w, i) => expect(w).toBeCloseTo(direct.weights.flat()[i]!, 9));
  });

  it('averages fits over bootstrap draws of the articles, reproducibly, each fit one that drops or repeats articles', () => {
    const random = seededRandom(45);
    const articles = 'abcdefghijkl'.split('');
    const samples = makeSamples(random, { source: 'own', groups: articles, perClass: 2 });
    const bagged: TrainOptions = { ...QUICK, bags: 5 };
    const once = fitModel(samples, bagged);
    // The same draws every time: a refit on the same claims reproduces the model file.
    expect(fitModel(samples, bagged)).toEqual(once);
    expect(flatWeights(once)).not.toEqual(flatWeights(fitModel(samples, QUICK)));
    // The average of fits that keep the orderings keeps them too.
    expect(orderingViolations(once)).toEqual([]);
    // With a handful of articles a draw keeps too few: one plain fit.
    const few = samples.filter((s) => 'abcde'.includes(s.group));
    expect(fitModel(few, bagged)).toEqual(fitModel(few, QUICK));
  });

  it('with synthetic weight 0 and own claims present, adding synthetic samples does not change the model', () => {
    const random = seededRandom(43);
    const own = makeSamples(random, { source: 'own', groups: ['a', 'b'], perClass: 8 });
    // Generated claims far from the written ones (they would move the standardisation if read),
    // with scrambled labels.
    const synthetic: Sample[] = makeSamples(random, {
      source: 'synthetic',
      groups: ['a', 'c'],
      perClass: 5,
    }).map((s, i) => ({
      ...s,
      x: s.x.map((v) => 10 * v + 5),
      label: CLASSES[(CLASSES.indexOf(s.label) + 1 + (i % 2)) % 3]!,
    }));
    const opts: TrainOptions = { ...QUICK, sourceWeight: { own: 1, synthetic: 0, public: 0 } };
    expect(fitModel([...own, ...synthetic], opts)).toEqual(fitModel(own, opts));
    // The same holds for a source switched off in `sources`, whatever its weight.
    const off: TrainOptions = {
      ...opts,
      sourceWeight: { own: 1, synthetic: 1, public: 0 },
      sources: ['own', 'public'],
    };
    expect(fitModel([...own, ...synthetic], off)).toEqual(fitModel(own, off));
    // And at a positive weight they do count.
    const on: TrainOptions = { ...opts, sourceWeight: { own: 1, synthetic: 0.5, public: 0 } };
    expect(fitModel([...own, ...synthetic], on)).not.toEqual(fitModel(own, on));
  });

  it('without own claims, synthetic samples are used (whatever their configured weight)', () => {
    const random = seededRandom(44);
    const synthetic = makeSamples(random, {
      source: 'synthetic',
      groups: ['a', 'b'],
      perClass: 10,
      noise: 0.1,
    });
    const zero = fitModel(synthetic, {
      ...QUICK,
      sourceWeight: { own: 1, synthetic: 0, public: 0 },
    });
    expect(flatWeights(zero).some((w) => Math.abs(w) > 0.05)).toBe(true);
    const right = synthetic.filter(
      (s) => CLASSES[argmax(sampleLogits(zero, s))] === s.label,
    ).length;
    expect(right / synthetic.length).toBeGreaterThan(0.75);
    expect(zero).toEqual(
      fitModel(synthetic, { ...QUICK, sourceWeight: { own: 1, synthetic: 1, public: 0 } }),
    );
  });
});

describe('leave-articles-out cross-validation', () => {
  const random = seededRandom(51);
  const own = makeSamples(random, { source: 'own', groups: ['g1', 'g2', 'g3', 'g4'], perClass: 3 });
  const synthetic = makeSamples(random, {
    source: 'synthetic',
    groups: ['g2', 'syn'],
    perClass: 2,
  });
  const pub = makeSamples(random, { source: 'public', groups: ['public:x:1'], perClass: 2 });
  const samples = [...own, ...synthetic, ...pub];
  const opts: TrainOptions = { ...QUICK, sourceWeight: { own: 1, synthetic: 0.5, public: 0.5 } };
  let held: HeldOut[];
  beforeAll(() => {
    held = leaveArticlesOut(samples, opts);
  });
  const heldOf = (h: HeldOut[], id: string) => h.find((x) => x.sample.id === id)!;

  it('scores every own claim exactly once, in the fold of its article, and nothing else', () => {
    expect(held).toHaveLength(own.length);
    expect(new Set(held.map((h) => h.sample.id)).size).toBe(own.length);
    for (const h of held) {
      expect(h.sample.source).toBe('own');
      expect(h.fold).toBe(h.sample.group);
      expect(h.logits).toHaveLength(3);
      expect(h.logits.every(Number.isFinite)).toBe(true);
    }
    expect([...new Set(held.map((h) => h.fold))]).toEqual(['g1', 'g2', 'g3', 'g4']);
  });

  it("scores a fold with a model fitted on every other article's samples, of every source", () => {
    for (const fold of ['g1', 'g2']) {
      const file = fitModel(
        samples.filter((s) => s.group !== fold),
        opts,
      );
      for (const s of own.filter((x) => x.group === fold))
        expect(heldOf(held, s.id).logits).toEqual(sampleLogits(file, s));
    }
    // The generated claims about g2 are left out with it: keeping them would change the scores.
    const leaky = fitModel(
      samples.filter((s) => !(s.source === 'own' && s.group === 'g2')),
      opts,
    );
    const s = own.find((x) => x.group === 'g2')!;
    expect(sampleLogits(leaky, s)).not.toEqual(heldOf(held, s.id).logits);
  });

  it("an article's own labels cannot influence its own predictions", () => {
    // Flip the labels of g3: its scores stay exactly the same, the other folds' scores move.
    const flipped = samples.map((s) =>
      s.source === 'own' && s.group === 'g3'
        ? { ...s, label: CLASSES[(CLASSES.indexOf(s.label) + 1) % 3]! }
        : s,
    );
    const again = leaveArticlesOut(flipped, opts);
    for (const s of own.filter((x) => x.group === 'g3'))
      expect(heldOf(again, s.id).logits).toEqual(heldOf(held, s.id).logits);
    const moved = own
      .filter((x) => x.group !== 'g3')
      .some((s) => heldOf(again, s.id).logits.join() !== heldOf(held, s.id).logits.join());
    expect(moved).toBe(true);
  });

  it('calibrateFolds calibrates each fold on the other folds only', () => {
    const calibrated = calibrateFolds(held);
    expect(calibrated).toHaveLength(held.length);
    for (const c of calibrated) {
      expect(c.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(c.predicted).toBe(CLASSES[argmax(c.probabilities)]);
      expect(c.fold).toBe(c.sample.group);
    }
    // Relabelling g1's held-out claims changes nothing about g1's calibrated probabilities.
    const relabelled = held.map((h) =>
      h.fold === 'g1' ? { ...h, sample: { ...h.sample, label: 'NOT_ENOUGH_INFO' as Verdict } } : h,
    );
    const again = calibrateFolds(relabelled);
    const g1 = (cs: Calibrated[]) => cs.filter((c) => c.fold === 'g1').map((c) => c.probabilities);
    expect(g1(again)).toEqual(g1(calibrated));
    // A fold's temperature and bias are exactly those fitted on the others.
    const others = held
      .filter((h) => h.fold !== 'g4')
      .map((h) => ({ logits: h.logits, y: CLASSES.indexOf(h.sample.label) }));
    const { temperature, neiBias } = calibration(others);
    const h = held.find((x) => x.fold === 'g4')!;
    const c = calibrated.find((x) => x.sample.id === h.sample.id)!;
    expect(c.probabilities).toEqual(
      softmax(
        h.logits.map((z, k) => (k === 2 ? z + neiBias : z)),
        temperature,
      ),
    );
  });

  it('cvReport: the confusion sums to n, accuracy is its diagonal, slices count every claim', () => {
    const report = cvReport(calibrateFolds(held));
    expect(report.n).toBe(own.length);
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(report.n);
    // Rows are gold labels: every class has perClass × 4 articles.
    expect(report.confusion.map((row) => row.reduce((a, b) => a + b, 0))).toEqual([12, 12, 12]);
    const diagonal = report.confusion.reduce((a, row, k) => a + row[k]!, 0);
    expect(report.accuracy).toBe(Math.round((diagonal / report.n) * 1000) / 1000);
    // Above chance (a third of three balanced classes): the held-out folds learned from the
    // features that follow the label. How far above depends on the random features beside them,
    // one per feature name, so it moves whenever a feature is added.
    expect(report.accuracy).toBeGreaterThan(1 / 3);
    expect(Object.keys(report.byFold)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(Object.values(report.byFold).reduce((a, s) => a + s.n, 0)).toBe(report.n);
    expect(Object.values(report.byLang).reduce((a, s) => a + s.n, 0)).toBe(report.n);
    expect(report.byStyle).toEqual({ plain: { n: report.n, accuracy: report.accuracy } });
    expect(report.byPhenomenon).toEqual({});
    expect(report.bins.reduce((a, b) => a + b.count, 0)).toBe(report.n);
    expect(report.ece).toBeGreaterThanOrEqual(0);
  });
});

describe('cvReport on hand-built predictions', () => {
  const item = (
    label: Verdict,
    predicted: Verdict,
    rules: { sup?: 1; ref?: 1 },
    extra: Partial<Sample> = {},
  ): Calibrated => {
    const x = FEATURE_NAMES.map(() => 0);
    x[col('rule_supports')] = rules.sup ?? 0;
    x[col('rule_refutes')] = rules.ref ?? 0;
    const p = CLASSES.map((c) => (c === predicted ? 0.8 : 0.1));
    return {
      sample: { id: `${label}-${predicted}`, x, label, source: 'own', group: 'a', ...extra },
      fold: 'a',
      probabilities: p,
      predicted,
    };
  };

  it('computes accuracy, macro-F1, the confusion and the rules baseline from the rule_* features', () => {
    const items = [
      item('SUPPORTED', 'SUPPORTED', { sup: 1 }, { phenomenon: 'numbers' }),
      item('SUPPORTED', 'NOT_ENOUGH_INFO', {}),
      item('REFUTED', 'REFUTED', { ref: 1 }, { phenomenon: 'numbers' }),
      // Both rule flags: the rules read it as supported.
      item('REFUTED', 'REFUTED', { sup: 1, ref: 1 }),
      item('NOT_ENOUGH_INFO', 'SUPPORTED', {}),
      item('NOT_ENOUGH_INFO', 'NOT_ENOUGH_INFO', { ref: 1 }),
    ];
    const r = cvReport(items);
    expect(r.n).toBe(6);
    expect(r.confusion).toEqual([
      [1, 0, 1],
      [0, 2, 0],
      [1, 0, 1],
    ]);
    expect(r.accuracy).toBe(0.667);
    // F1: SUP 2·1/(2+1+1) = 0.5, REF 1, NEI 0.5.
    expect(r.macroF1).toBe(0.667);
    // Rules: SUP, NEI, REF, SUP, NEI, REF -> right on items 1, 3, 5: 3/6.
    // Rule confusion: SUP [1,0,1], REF [1,1,0], NEI [0,1,1]: F1 SUP 0.5, REF 0.5, NEI 0.5.
    expect(r.rules).toEqual({ accuracy: 0.5, macroF1: 0.5 });
    expect(r.byPhenomenon).toEqual({ numbers: { n: 2, accuracy: 1 } });
    expect(r.byFold).toEqual({ a: { n: 6, accuracy: 0.667 } });
  });

  it('is defined for no predictions', () => {
    const r = cvReport([]);
    expect(r.n).toBe(0);
    expect(r.accuracy).toBe(0);
    expect(r.confusion.flat().every((v) => v === 0)).toBe(true);
  });
});

describe('the verdict model file', () => {
  const vector = (value: number): FeatureVector =>
    Object.fromEntries(FEATURE_NAMES.map((n) => [n, value])) as FeatureVector;

  it('the shipped model loads, reads only known features and gives distributions', () => {
    const model = loadVerdictModel(SHIPPED);
    const file = model.file;
    expect(file.format).toBe('factcheck-verdict-model/1');
    expect(file.features.length).toBeGreaterThan(0);
    for (const f of file.features) expect(FEATURE_NAMES).toContain(f);
    expect(file.model.weights).toHaveLength(CLASSES.length);
    for (const w of file.model.weights) expect(w).toHaveLength(file.features.length + 1);
    expect(file.model.mean).toHaveLength(file.features.length);
    expect(file.model.std.every((s) => s > 0)).toBe(true);
    expect(file.temperature).toBeGreaterThan(0);
    for (const f of [vector(0), vector(NaN), vector(1)]) {
      const p = model.probabilities(f);
      expect(p).toHaveLength(3);
      expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('the shipped model keeps every FEATURE_ORDERINGS direction', () => {
    const file = loadVerdictModel(SHIPPED).file;
    expect(orderingViolations(file)).toEqual([]);
    // Not vacuous: every kept direction is about a feature the shipped model reads.
    for (const [feature] of FEATURE_ORDERINGS) expect(file.features).toContain(feature);
  });

  it('probabilities are softmax((logits + NEI bias) / temperature), a missing feature sitting at the mean', () => {
    const file: VerdictModelFile = {
      format: 'factcheck-verdict-model/1',
      features: ['best_support', 'dense'],
      model: {
        mean: [0.5, 0.4],
        std: [0.25, 0.2],
        weights: [
          [0.1, 2, 1],
          [0.2, -2, -0.5],
          [0, 0, -1],
        ],
      },
      temperature: 2,
      neiBias: 0.3,
      meta: {},
    };
    const model = verdictModel(file);
    const f = { ...vector(0), best_support: 1, dense: 0.2 };
    // Standardised: best_support (1 - 0.5) / 0.25 = 2, dense (0.2 - 0.4) / 0.2 = -1.
    const z = [0.1 + 4 - 1, 0.2 - 4 + 0.5, 0 + 0 + 1 + 0.3];
    const expected = softmax(z, 2);
    model.probabilities(f).forEach((p, c) => expect(p).toBeCloseTo(expected[c]!, 12));
    expect(model.probabilities({ ...f, dense: NaN })).toEqual(
      model.probabilities({ ...f, dense: 0.4 }),
    );
    // featureArray keeps FEATURE_NAMES order and reads a missing (null) value as NaN.
    const arr = featureArray({ ...f, dense: null as unknown as number });
    expect(arr).toHaveLength(FEATURE_NAMES.length);
    expect(arr[col('best_support')]).toBe(1);
    expect(arr[col('dense')]).toBeNaN();
  });

  it('refuses a model for other features or another class count', () => {
    const file = loadVerdictModel(SHIPPED).file;
    expect(() =>
      verdictModel({ ...file, features: ['no_such_feature' as FeatureName, ...file.features] }),
    ).toThrow(AppError);
    const model: SoftmaxModel = { ...file.model, weights: file.model.weights.slice(0, 2) };
    expect(() => verdictModel({ ...file, model })).toThrow(AppError);
  });

  describe('loading a bad file', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'verdict-model-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const codeOf = (p: string): { code: string; message: string } => {
      try {
        loadVerdictModel(p);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        return { code: (err as AppError).code, message: (err as AppError).message };
      }
      throw new Error('loadVerdictModel did not throw');
    };

    it('a missing path is CONFIG_INVALID naming the path', () => {
      const p = path.join(dir, 'absent.json');
      const e = codeOf(p);
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toContain(p);
    });

    it('malformed JSON and a file of another format are CONFIG_INVALID', async () => {
      const broken = path.join(dir, 'broken.json');
      await writeFile(broken, '{"format": "factcheck-verdict-model/1", "features": [');
      expect(codeOf(broken).code).toBe('CONFIG_INVALID');
      const other = path.join(dir, 'other.json');
      await writeFile(other, JSON.stringify({ format: 'something-else/2', weights: [] }));
      expect(codeOf(other)).toEqual({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(other),
      });
    });
  });
});

describe('applyVerdict', () => {
  const text =
    'The Velmora ferry terminal opened in March with 12 gates. ' +
    'Officials said the terminal handles 4,200 passengers a day. ' +
    'A rumour claimed the terminal was closed for repairs. ' +
    'The harbour office denied that the terminal had closed.';
  const passage: Passage = {
    docId: 'velmora',
    title: 'Velmora ferry terminal',
    source: 'velmora.txt',
    start: 0,
    end: text.length,
    text,
  };
  const sentences: EvidenceSentence[] = buildSentenceStore([passage]).sentences;
  const sj = (
    i: number,
    stance: SentenceJudgement['stance'],
    relevance: number,
  ): SentenceJudgement => ({
    sentence: sentences[i]!,
    cov: { inSentence: relevance, inWindow: relevance, matched: [], missing: [] },
    relevance,
    numbers: [],
    stance,
    reasons: [],
  });
  const judgement = (over: Partial<Judgement> = {}): Judgement => {
    const ranked = [
      sj(2, 'neutral', 0.9),
      sj(3, 'refutes', 0.8),
      sj(0, 'supports', 0.5),
      sj(1, 'neutral', 0.3),
    ];
    return {
      verdict: 'REFUTED',
      evidence: [ranked[1]!, ranked[0]!],
      computations: ['4200 / 12 = 350'],
      reasons: ['denied'],
      strength: 0.8,
      ranked,
      rumorAnswered: false,
      ...over,
    };
  };

  it('has four sentences to work with', () => {
    expect(sentences).toHaveLength(4);
  });

  it('REFUTED cites the rule-refuting sentence as refutes, first, and every other one as neutral', () => {
    const out = applyVerdict(judgement(), 'REFUTED', 0.7);
    expect(out.verdict).toBe('REFUTED');
    expect(out.strength).toBe(0.7);
    expect(out.evidence[0]!.sentence).toBe(sentences[3]);
    expect(out.evidence[0]!.stance).toBe('refutes');
    expect(out.evidence.slice(1).every((e) => e.stance === 'neutral')).toBe(true);
    // Every examined sentence is kept, once.
    expect(out.evidence.map((e) => e.sentence.id).sort()).toEqual([0, 1, 2, 3]);
    expect(out.computations).toEqual(['4200 / 12 = 350']);
    expect(out.reasons).toEqual(['denied']);
  });

  it('NOT_ENOUGH_INFO leaves every evidence sentence neutral and drops the computations', () => {
    const out = applyVerdict(judgement(), 'NOT_ENOUGH_INFO', 0.4);
    expect(out.verdict).toBe('NOT_ENOUGH_INFO');
    expect(out.evidence).toHaveLength(4);
    expect(out.evidence.every((e) => e.stance === 'neutral')).toBe(true);
    expect(out.computations).toEqual([]);
    expect(out.strength).toBe(0.4);
  });

  it('a verdict no sentence argues for cites the most relevant neutral sentence alone', () => {
    const j = judgement({
      ranked: [sj(2, 'neutral', 0.9), sj(3, 'refutes', 0.8), sj(1, 'neutral', 0.3)],
    });
    const out = applyVerdict(j, 'SUPPORTED', 0.6);
    expect(out.evidence[0]!.sentence).toBe(sentences[2]);
    expect(out.evidence.filter((e) => e.stance === 'supports')).toHaveLength(1);
    // The refuting reading is no longer cited, and its arithmetic goes with it.
    expect(out.evidence.filter((e) => e.stance === 'refutes')).toHaveLength(0);
    expect(out.computations).toEqual([]);
  });

  it('an answered rumor refuted by the model cites from the rule evidence, not the ranked list', () => {
    const j = judgement({ rumorAnswered: true, evidence: [sj(3, 'refutes', 0.8)] });
    const out = applyVerdict(j, 'REFUTED', 0.9);
    expect(out.evidence).toHaveLength(1);
    expect(out.evidence[0]!.stance).toBe('refutes');
    expect(out.evidence[0]!.sentence).toBe(sentences[3]);
  });
});

describe('generated claims', () => {
  const article = (docId: string, title: string, lines: string[]): Passage => {
    const text = lines.join(' ');
    return { docId, title, source: `${docId}.txt`, start: 0, end: text.length, text };
  };
  const passages: Passage[] = [
    article('harbor', 'Velmora harbor', [
      'In March 2021, the Velmora harbor authority opened a second ferry terminal near the old lighthouse.',
      'The terminal handles 4,200 passengers a day, and it has increased traffic to the island of Tressa.',
      'Harbor director Anneli Kostrova said the project cost 38 million crowns and was finished early.',
      'The authority will add 12 electric ferries before the summer season, according to the plan.',
    ]),
    article('orchard', 'Dunmere orchards', [
      'Since 2019, the Dunmere cooperative has planted 15,000 pear trees on the southern slopes.',
      'Farm manager Oskar Beltrane reported that the harvest rose by 27 percent last autumn.',
      'The cooperative is selling its juice in 9 regional markets, and exports are expected to grow.',
      'Growers were allowed to use the new irrigation canal after the council approved the permit.',
    ]),
    article('library', 'Quenby library', [
      'On Monday, the Quenby public library extended its opening hours to 10 in the evening.',
      'Librarian Marisol Fenwick said that more than 600 readers visited during the first week.',
      'The library has a collection of 85,000 books, and it can lend e-readers to students.',
      'The town council approved a budget of 2 million for a new reading room.',
    ]),
  ];
  const norm = (t: string): string => t.replace(/\s+/g, ' ').trim();
  const sourceSentences = buildSentenceStore(passages).sentences;

  it('are deterministic for a seed and differ across seeds', () => {
    const a = generateClaims(passages, { count: 30, seed: 7 });
    expect(generateClaims(passages, { count: 30, seed: 7 })).toEqual(a);
    expect(generateClaims(passages, { count: 30, seed: 8 })).not.toEqual(a);
  });

  it('keep only the labels asked for, the whole count of them', () => {
    const claims = generateClaims(passages, { count: 12, seed: 3, labels: ['SUPPORTED'] });
    expect(claims.length).toBeGreaterThanOrEqual(10);
    expect(new Set(claims.map((c) => c.label))).toEqual(new Set(['SUPPORTED']));
  });

  it('give about a third per label, unique claims, and the docIds of the passages', () => {
    for (const seed of [1, 2, 3]) {
      const claims = generateClaims(passages, { count: 30, seed });
      expect(claims.length).toBeGreaterThanOrEqual(24);
      expect(claims.length).toBeLessThanOrEqual(30);
      for (const label of CLASSES) {
        const share = claims.filter((c) => c.label === label).length / claims.length;
        expect(share).toBeGreaterThan(0.25);
        expect(share).toBeLessThan(0.42);
      }
      expect(new Set(claims.map((c) => c.claim)).size).toBe(claims.length);
      for (const c of claims) {
        expect(['harbor', 'orchard', 'library']).toContain(c.docId);
        expect(c.claim.trim()).toBe(c.claim);
        expect(c.claim.length).toBeGreaterThan(20);
      }
    }
  });

  it('REFUTED claims differ from every source sentence; whole-sentence SUPPORTED ones are sentences of their document', () => {
    const sources = new Set(sourceSentences.map((s) => norm(s.text)));
    for (const seed of [1, 2, 3, 4, 5]) {
      const claims = generateClaims(passages, { count: 45, seed });
      for (const c of claims.filter((x) => x.label === 'REFUTED'))
        expect(sources.has(norm(c.claim))).toBe(false);
      for (const c of claims.filter((x) => x.kind === 'whole'))
        expect(
          sourceSentences.some((s) => s.docId === c.docId && norm(s.text) === norm(c.claim)),
        ).toBe(true);
      for (const c of claims.filter((x) => x.label === 'NOT_ENOUGH_INFO'))
        expect(sources.has(norm(c.claim))).toBe(false);
    }
  });

  it('never label a restated sentence REFUTED, even when a changed figure rounds back to itself', () => {
    // 1 × 0.5 rounds back to 1: the perturbation must not pass the sentence off as refuted.
    const things = ['boat', 'lamp', 'desk', 'cart', 'bell', 'kite', 'drum', 'vase', 'coat', 'sled'];
    const small = [
      article(
        'workshop',
        'Norrholm workshop',
        things.map((t) => `The Norrholm workshop built 1 ${t} for the village fair last spring.`),
      ),
      article(
        'guild',
        'Pellworth guild',
        things.map((t) => `The Pellworth guild repaired 1 ${t} for the harbour festival in May.`),
      ),
    ];
    const sources = new Set(buildSentenceStore(small).sentences.map((s) => norm(s.text)));
    for (let seed = 1; seed <= 20; seed++)
      for (const c of generateClaims(small, { count: 9, seed }))
        if (c.label === 'REFUTED') expect(sources.has(norm(c.claim))).toBe(false);
  });

  it('give nothing for count 0, for a single document, or for no usable sentence', () => {
    expect(generateClaims(passages, { count: 0, seed: 1 })).toEqual([]);
    expect(generateClaims(passages.slice(0, 1), { count: 12, seed: 1 })).toEqual([]);
    expect(
      generateClaims([article('a', 'A', ['Short one.']), article('b', 'B', ['Tiny.'])], {
        count: 12,
        seed: 1,
      }),
    ).toEqual([]);
    // Removed passages (null) are skipped.
    expect(generateClaims([null, ...passages], { count: 12, seed: 4 })).toEqual(
      generateClaims(passages, { count: 12, seed: 4 }),
    );
  });
});

describe('CSV', () => {
  it('reads quoted commas, doubled quotes, newlines inside quotes and CRLF line ends', () => {
    const csv =
      'id,evidence,claim,label\r\n' +
      '1,"Ferries, buses and trams run late","The ""night"" ferry runs",Supports\r\n' +
      '2,"Line one\nline two\r\nline three",Plain claim,Refutes\r\n' +
      '\r\n' +
      '3,,"",Neutral';
    expect(parseCsv(csv)).toEqual([
      ['id', 'evidence', 'claim', 'label'],
      ['1', 'Ferries, buses and trams run late', 'The "night" ferry runs', 'Supports'],
      ['2', 'Line one\nline two\r\nline three', 'Plain claim', 'Refutes'],
      ['3', '', '', 'Neutral'],
    ]);
  });

  it('ends the last row without a newline, keeps trailing empty fields, reads lone CR and LF', () => {
    expect(parseCsv('a,b,\nc,d,e')).toEqual([
      ['a', 'b', ''],
      ['c', 'd', 'e'],
    ]);
    expect(parseCsv('a,b\rc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('healthVerPairs maps labels by header name and skips unknown labels', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'healthver-'));
    try {
      const file = path.join(dir, 'dev.csv');
      await writeFile(
        file,
        'label,claim,id,evidence\n' +
          'Supports,"Tea, taken hot, soothes",7,"Warm drinks, it found, soothe"\n' +
          'Refutes,Cold tea cures colds,8,No drink cures colds\n' +
          'Neutral,Tea is popular,9,"Trials measured ""symptoms"""\n' +
          'Unknown,Skipped claim,10,Skipped\n',
      );
      const pairs = await healthVerPairs(file);
      expect(pairs.map((p) => [p.id, p.label, p.claim, p.evidence])).toEqual([
        ['healthver-7', 'SUPPORTED', 'Tea, taken hot, soothes', 'Warm drinks, it found, soothe'],
        ['healthver-8', 'REFUTED', 'Cold tea cures colds', 'No drink cures colds'],
        ['healthver-9', 'NOT_ENOUGH_INFO', 'Tea is popular', 'Trials measured "symptoms"'],
      ]);
      expect(pairs.every((p) => p.dataset === 'healthver' && p.group === p.claim)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
