import type { Citation, Verdict } from '../../types.js';
import {
  expectedCalibrationError,
  multiclassBrier,
  reliabilityBins,
  topLabelDistribution,
  type ReliabilityBin,
} from './calibration.js';

export const LABELS: Verdict[] = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'];

/** A labeled claim of an evaluation file (../shared/eval/dev.jsonl format). */
export interface LabeledClaim {
  id: string;
  claim: string;
  label: Verdict;
  lang?: string;
  style?: string;
  /** Gold evidence: `quote` is an exact substring of `file` (a path under the knowledge folder, or its base name). */
  evidence: { file: string; quote: string }[];
}

/** What the engine answered for one labeled claim. */
export interface Prediction {
  id: string;
  verdict: Verdict;
  /** The checker's confidence, for calibration. */
  confidence?: number;
  citations: Citation[];
  /** Citations whose quote is not exactly sourceText.slice(start, end). */
  offsetErrors: number;
  /** Gold evidence spans resolved in their files: [source, start, end]. */
  gold: { source: string; start: number; end: number }[];
}

export interface LabelScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface EvalReport {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<Verdict, LabelScores>;
  /** Over claims with gold evidence: a hit among the first 1 / 5 citations. */
  hitAt1: number;
  hitAt5: number;
  withEvidence: number;
  offsetErrors: number;
  byLang: Record<string, { n: number; accuracy: number }>;
  byStyle: Record<string, { n: number; accuracy: number }>;
  /** confusion[gold][predicted] */
  confusion: Record<Verdict, Record<Verdict, number>>;
  /** Confidence against accuracy (see ./calibration.ts); present when every answer has a confidence. */
  calibration?: EvalCalibration;
}

export interface EvalCalibration {
  /** Expected calibration error over the 10 equal-width confidence bins. */
  ece: number;
  /** The reliability bins (all 10, empty ones with count 0). */
  bins: ReliabilityBin[];
  /**
   * Multiclass Brier score over the three labels, the confidence on the predicted label and the
   * rest spread evenly over the other two (the checker reports only its top confidence).
   */
  brier?: number;
  /** Mean confidence when right and when wrong. */
  meanRight: number;
  meanWrong: number;
}

/** How far confidence strays from accuracy, weighted by how many answers fall in each bin. */
export function calibration(confidences: number[], correct: boolean[]): EvalCalibration {
  const bins = reliabilityBins(confidences, correct);
  const mean = (xs: number[]) =>
    ratio(
      xs.reduce((a, b) => a + b, 0),
      xs.length,
    );
  return {
    ece: round(expectedCalibrationError(bins)),
    bins: bins.map((b) => ({
      ...b,
      meanConfidence: round(b.meanConfidence),
      accuracy: round(b.accuracy),
    })),
    meanRight: round(mean(confidences.filter((_, i) => correct[i]))),
    meanWrong: round(mean(confidences.filter((_, i) => !correct[i]))),
  };
}

/** Whether a citation's span overlaps a gold span in the same file. */
export function citationHits(c: Citation, gold: Prediction['gold']): boolean {
  return gold.some(
    (g) =>
      (c.source === g.source ||
        c.source.endsWith(`/${g.source}`) ||
        g.source.endsWith(`/${c.source}`)) &&
      c.start < g.end &&
      g.start < c.end,
  );
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);
const round = (x: number): number => Math.round(x * 1000) / 1000;

function breakdown(
  items: LabeledClaim[],
  correct: boolean[],
  key: (c: LabeledClaim) => string | undefined,
): Record<string, { n: number; accuracy: number }> {
  const out: Record<string, { n: number; ok: number }> = {};
  items.forEach((c, i) => {
    const k = key(c) ?? 'unknown';
    out[k] ??= { n: 0, ok: 0 };
    out[k].n++;
    if (correct[i]) out[k].ok++;
  });
  return Object.fromEntries(
    Object.entries(out).map(([k, v]) => [k, { n: v.n, accuracy: round(ratio(v.ok, v.n)) }]),
  );
}

/** Scores predictions against labels (same order, same length). */
export function scoreEval(items: LabeledClaim[], predictions: Prediction[]): EvalReport {
  const confusion = Object.fromEntries(
    LABELS.map((g) => [g, Object.fromEntries(LABELS.map((p) => [p, 0]))]),
  ) as Record<Verdict, Record<Verdict, number>>;
  const correct = items.map((c, i) => {
    const p = predictions[i]!;
    confusion[c.label][p.verdict]++;
    return c.label === p.verdict;
  });
  const perLabel = Object.fromEntries(
    LABELS.map((l) => {
      const tp = confusion[l][l];
      const predicted = LABELS.reduce((s, g) => s + confusion[g][l], 0);
      const support = LABELS.reduce((s, p) => s + confusion[l][p], 0);
      const precision = ratio(tp, predicted);
      const recall = ratio(tp, support);
      const f1 = ratio(2 * precision * recall, precision + recall);
      return [l, { precision: round(precision), recall: round(recall), f1: round(f1), support }];
    }),
  ) as Record<Verdict, LabelScores>;
  const withGold = predictions.filter((p) => p.gold.length > 0);
  const hitsAt = (k: number) =>
    withGold.filter((p) => p.citations.slice(0, k).some((c) => citationHits(c, p.gold))).length;
  return {
    n: items.length,
    accuracy: round(ratio(correct.filter(Boolean).length, items.length)),
    macroF1: round(LABELS.reduce((s, l) => s + perLabel[l].f1, 0) / LABELS.length),
    perLabel,
    hitAt1: round(ratio(hitsAt(1), withGold.length)),
    hitAt5: round(ratio(hitsAt(5), withGold.length)),
    withEvidence: withGold.length,
    offsetErrors: predictions.reduce((s, p) => s + p.offsetErrors, 0),
    ...(predictions.every((p) => p.confidence !== undefined)
      ? {
          calibration: {
            ...calibration(
              predictions.map((p) => p.confidence!),
              correct,
            ),
            brier: round(
              multiclassBrier(
                predictions.map((p) =>
                  topLabelDistribution(LABELS.indexOf(p.verdict), p.confidence!, LABELS.length),
                ),
                items.map((c) => LABELS.indexOf(c.label)),
              ),
            ),
          },
        }
      : {}),
    byLang: breakdown(items, correct, (c) => c.lang),
    byStyle: breakdown(items, correct, (c) => c.style),
    confusion,
  };
}

/** The report as the table `factcheck eval` prints. */
export function formatEvalReport(r: EvalReport): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [
    `claims            ${r.n}`,
    `accuracy          ${pct(r.accuracy)}`,
    `macro-F1          ${pct(r.macroF1)}`,
    `evidence hit@1    ${pct(r.hitAt1)}  (over ${r.withEvidence} claims with gold evidence)`,
    `evidence hit@5    ${pct(r.hitAt5)}`,
    `offset errors     ${r.offsetErrors}`,
    ...(r.calibration
      ? [
          `calibration ECE   ${pct(r.calibration.ece)}  (mean confidence right ${pct(r.calibration.meanRight)}, wrong ${pct(r.calibration.meanWrong)})`,
          ...(r.calibration.brier !== undefined
            ? [
                `Brier score       ${pct(r.calibration.brier)}  (3 labels; 0 is perfect, 2 the worst)`,
              ]
            : []),
        ]
      : []),
    '',
    'label              precision  recall  f1     support',
    ...LABELS.map((l) => {
      const s = r.perLabel[l];
      return `${l.padEnd(18)} ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}  ${pct(s.f1)}  ${s.support}`;
    }),
    '',
    'by lang:  ' +
      Object.entries(r.byLang)
        .map(([k, v]) => `${k} ${pct(v.accuracy)} (n=${v.n})`)
        .join(', '),
    'by style: ' +
      Object.entries(r.byStyle)
        .map(([k, v]) => `${k} ${pct(v.accuracy)} (n=${v.n})`)
        .join(', '),
    '',
    'confusion (rows gold, columns predicted): SUP REF NEI',
    ...LABELS.map(
      (g) =>
        `${g.padEnd(18)} ${LABELS.map((p) => String(r.confusion[g][p]).padStart(3)).join(' ')}`,
    ),
  ];
  return lines.join('\n');
}
