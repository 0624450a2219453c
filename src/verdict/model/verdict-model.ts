import { readFileSync } from 'node:fs';
import { AppError } from '../../errors.js';
import type { Verdict } from '../../types.js';
import { LABELS } from '../eval/metrics.js';
import { STANCE_OF } from '../pair/pair-stance.js';
import type { Judgement, SentenceJudgement } from '../stance/judge.js';
import { FEATURE_NAMES, type FeatureName, type FeatureVector } from './features.js';
import { logits, softmax, type SoftmaxModel } from './softmax.js';

/** Class order of the model's outputs: the labels' order. */
export const CLASSES: readonly Verdict[] = LABELS;

const NEI = CLASSES.indexOf('NOT_ENOUGH_INFO');

/** Logits with the abstention bias added to NOT_ENOUGH_INFO's. */
export const withNeiBias = (logits: readonly number[], bias: number): number[] =>
  logits.map((z, c) => (c === NEI ? z + bias : z));

/** Calibrated probabilities from raw logits: abstention bias, then temperature. */
export const calibratedProbabilities = (
  z: readonly number[],
  c: { temperature: number; neiBias: number },
): number[] => softmax(withNeiBias(z, c.neiBias), c.temperature);

/** The file `factcheck train` writes: weights plus what they were fitted on. */
export interface VerdictModelFile {
  format: 'factcheck-verdict-model/1';
  features: FeatureName[];
  model: SoftmaxModel;
  /** Divides the logits before softmax: fitted on held-out folds for calibrated confidence. */
  temperature: number;
  /** Added to the NOT_ENOUGH_INFO logit: the abstention threshold, chosen in cross-validation. */
  neiBias: number;
  /** How it was made (sources, counts, seed, cross-validated figures); informative only. */
  meta: Record<string, unknown>;
}

export interface VerdictModel {
  /** Probabilities per class, in CLASSES order, calibrated. */
  probabilities(f: FeatureVector): number[];
  readonly file: VerdictModelFile;
}

/** Whether a parsed file has the model's shapes: one mean, scale and weight per feature. */
function isWellFormed(file: VerdictModelFile): boolean {
  const m = file.model as Partial<SoftmaxModel> | undefined;
  const d = Array.isArray(file.features) ? file.features.length : -1;
  return (
    d >= 0 &&
    m !== undefined &&
    Array.isArray(m.mean) &&
    m.mean.length === d &&
    Array.isArray(m.std) &&
    m.std.length === d &&
    Array.isArray(m.weights) &&
    m.weights.length === CLASSES.length &&
    m.weights.every((row) => Array.isArray(row) && row.length === d + 1) &&
    typeof file.temperature === 'number' &&
    file.temperature > 0 &&
    typeof file.neiBias === 'number'
  );
}

/** A model over a parsed file; a malformed one, or one naming unknown features, is refused. */
export function verdictModel(file: VerdictModelFile): VerdictModel {
  if (!isWellFormed(file))
    throw new AppError('CONFIG_INVALID', 'The verdict model file is malformed.');
  if (file.features.some((n) => !FEATURE_NAMES.includes(n)))
    throw new AppError(
      'CONFIG_INVALID',
      'The verdict model names features this version does not compute: run factcheck train.',
    );
  return {
    file,
    probabilities(f) {
      return calibratedProbabilities(
        logits(
          file.model,
          file.features.map((n) => f[n]),
        ),
        file,
      );
    },
  };
}

/** Reads a model file; a missing or malformed file is a coded error naming the path. */
export function loadVerdictModel(path: string): VerdictModel {
  let file: VerdictModelFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as VerdictModelFile;
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `The verdict model ${path} could not be read: ${String(err)}`,
    );
  }
  if (file?.format !== 'factcheck-verdict-model/1')
    throw new AppError('CONFIG_INVALID', `${path} is not a factcheck verdict model.`);
  try {
    return verdictModel(file);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `${path}: ${(err as Error).message}`);
  }
}

/** Deciding sentences cited for a model verdict. */
const DECIDING = 3;

/**
 * Re-decides a judgement with the model's verdict: the deciding sentences are the ones whose
 * own stance agrees (the rule reading), else the most relevant on-topic ones, which are then
 * cited with the model's stance. A NOT_ENOUGH_INFO verdict cites nothing as deciding.
 */
export function applyVerdict(j: Judgement, verdict: Verdict, strength: number): Judgement {
  const stance = STANCE_OF[verdict];
  const pool = j.rumorAnswered && verdict === 'REFUTED' ? j.evidence : j.ranked;
  const neutral = (e: SentenceJudgement): SentenceJudgement => ({ ...e, stance: 'neutral' });
  if (verdict === 'NOT_ENOUGH_INFO') {
    return { ...j, verdict, evidence: pool.map(neutral), computations: [], strength };
  }
  const agreeing = pool.filter((e) => e.stance === stance);
  const rest = pool.filter((e) => e.stance === 'neutral');
  const deciding = (agreeing.length > 0 ? agreeing : rest)
    .slice(0, agreeing.length > 0 ? DECIDING : 1)
    .map((e) => ({ ...e, stance }));
  const others = pool.filter((e) => !deciding.some((d) => d.sentence === e.sentence)).map(neutral);
  return {
    ...j,
    verdict,
    evidence: [...deciding, ...others],
    computations: agreeing.length > 0 || j.verdict === verdict ? j.computations : [],
    strength,
  };
}
