import type { Verdict } from '../../types.js';
import {
  expectedCalibrationError,
  reliabilityBins,
  type ReliabilityBin,
} from '../eval/calibration.js';
import { FEATURE_NAMES, type FeatureName } from './features.js';
import { macroF1, type Calibrated } from './train.js';
import { CLASSES } from './verdict-model.js';

export interface Slice {
  n: number;
  accuracy: number;
}

/** Cross-validated figures: pooled, per fold and per slice of the held-out claims. */
export interface CvReport {
  n: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  bins: ReliabilityBin[];
  /** Rows gold, columns predicted, in CLASSES order. */
  confusion: number[][];
  /** The hand-set rules on the same claims, for comparison. */
  rules: { accuracy: number; macroF1: number };
  byFold: Record<string, Slice>;
  byLang: Record<string, Slice>;
  byStyle: Record<string, Slice>;
  byPhenomenon: Record<string, Slice>;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function slices(items: Calibrated[], key: (c: Calibrated) => string | undefined) {
  const out: Record<string, Slice> = {};
  const groups = new Map<string, Calibrated[]>();
  for (const c of items) {
    const k = key(c);
    if (k === undefined) continue;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  for (const [k, g] of [...groups.entries()].sort()) {
    out[k] = { n: g.length, accuracy: round(g.filter(right).length / g.length) };
  }
  return out;
}

const right = (c: Calibrated): boolean => c.predicted === c.sample.label;

const idx = (v: Verdict) => CLASSES.indexOf(v);

function confusionOf(pairs: { gold: Verdict; predicted: Verdict }[]): number[][] {
  const confusion = CLASSES.map(() => CLASSES.map(() => 0));
  for (const p of pairs) confusion[idx(p.gold)]![idx(p.predicted)]!++;
  return confusion;
}

/** Macro-F1 of verdict pairs, by the one implementation training uses. */
const macroF1Of = (pairs: { gold: Verdict; predicted: Verdict }[]): number =>
  macroF1(
    pairs.map((p) => idx(p.gold)),
    pairs.map((p) => idx(p.predicted)),
  );

/** The rules' verdict of a sample, read from its rule features. */
function ruleVerdict(c: Calibrated): Verdict {
  const f = (name: FeatureName) => c.sample.x[FEATURE_NAMES.indexOf(name)]!;
  return f('rule_supports') > 0
    ? 'SUPPORTED'
    : f('rule_refutes') > 0
      ? 'REFUTED'
      : 'NOT_ENOUGH_INFO';
}

/** Scores calibrated held-out predictions. */
export function cvReport(items: Calibrated[]): CvReport {
  const verdicts = items.map((c) => ({ gold: c.sample.label, predicted: c.predicted }));
  const confusion = confusionOf(verdicts);
  const rules = items.map((c) => ({ gold: c.sample.label, predicted: ruleVerdict(c) }));
  const bins = reliabilityBins(
    items.map((c) => Math.max(...c.probabilities)),
    items.map(right),
  );
  return {
    n: items.length,
    accuracy: round(items.filter(right).length / Math.max(1, items.length)),
    macroF1: round(macroF1Of(verdicts)),
    rules: {
      accuracy: round(
        rules.filter((r) => r.gold === r.predicted).length / Math.max(1, rules.length),
      ),
      macroF1: round(macroF1Of(rules)),
    },
    ece: round(expectedCalibrationError(bins)),
    bins,
    confusion,
    byFold: slices(items, (c) => c.fold),
    byLang: slices(items, (c) => c.sample.lang),
    byStyle: slices(items, (c) => c.sample.style),
    byPhenomenon: slices(items, (c) => c.sample.phenomenon),
  };
}

const table = (title: string, rows: Record<string, Slice>): string =>
  `${title}: ` +
  Object.entries(rows)
    .map(([k, s]) => `${k} ${s.accuracy.toFixed(3)} (${s.n})`)
    .join(', ');

/** The report as text for a terminal. */
export function formatCvReport(r: CvReport): string {
  if (r.n === 0)
    return 'No written claims (--claims): nothing to cross-validate; the model is fitted on what was given.';
  return [
    `held-out claims ${r.n}: accuracy ${r.accuracy.toFixed(3)}, macro-F1 ${r.macroF1.toFixed(3)}, ECE ${r.ece.toFixed(3)}`,
    `hand-set rules on the same claims: accuracy ${r.rules.accuracy.toFixed(3)}, macro-F1 ${r.rules.macroF1.toFixed(3)}`,
    `confusion (rows gold SUP/REF/NEI, columns predicted): ${r.confusion.map((row) => row.join('/')).join('; ')}`,
    table('by language', r.byLang),
    table('by style', r.byStyle),
    table('by phenomenon', r.byPhenomenon),
    table('by article fold', r.byFold),
  ].join('\n');
}
