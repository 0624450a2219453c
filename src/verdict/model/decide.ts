import type { Verdict } from '../../types.js';
import type { SentenceStore } from '../evidence/sentence-store.js';
import type { ClaimCheck, RetrievedPassage } from '../pipeline.js';
import type { Entailment } from '../transformers/entailment-model.js';
import { extractFeatures, type FeatureVector } from './features.js';
import { argmax } from './softmax.js';
import { applyVerdict, CLASSES, type VerdictModel } from './verdict-model.js';

/** The features of one judged claim. */
export function claimFeatures(
  store: SentenceStore,
  check: ClaimCheck,
  retrieved: RetrievedPassage[] = [],
): FeatureVector {
  const dense = new Map<number, number>();
  for (const r of retrieved) if (r.dense !== undefined) dense.set(r.id, r.dense);
  return extractFeatures({
    claim: check.claim,
    weights: check.weights,
    judgement: check.judgement,
    store,
    dense,
  });
}

export interface Decision {
  check: ClaimCheck;
  verdict: Verdict;
  confidence: number;
  probabilities: number[];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** An NLI model's reading of the best evidence, and how much it counts. */
export interface EntailmentVote extends Entailment {
  /** Exponent of these probabilities in the product with the verdict model's (NLI_WEIGHT). */
  weight: number;
}

const VOTE_OF: Record<Verdict, keyof Entailment> = {
  SUPPORTED: 'entailment',
  REFUTED: 'contradiction',
  NOT_ENOUGH_INFO: 'neutral',
};

/**
 * The verdict model's probabilities times an NLI model's, raised to its weight, renormalised: a
 * product of experts, so either one sure of its reading moves the verdict.
 */
export function withEntailment(probabilities: number[], vote: EntailmentVote): number[] {
  const joint = probabilities.map(
    (p, i) => p * Math.max(1e-6, vote[VOTE_OF[CLASSES[i]!]]) ** vote.weight,
  );
  const sum = joint.reduce((a, b) => a + b, 0);
  return joint.map((p) => p / sum);
}

/** The model's verdict for one judged claim, with the judgement re-decided to match it. */
export function decide(
  model: VerdictModel,
  check: ClaimCheck,
  features: FeatureVector,
  vote?: EntailmentVote,
): Decision {
  const own = model.probabilities(features);
  const probabilities = vote ? withEntailment(own, vote) : own;
  const best = argmax(probabilities);
  const verdict = CLASSES[best]!;
  const confidence = round(probabilities[best]!);
  return {
    check: { ...check, judgement: applyVerdict(check.judgement, verdict, confidence) },
    verdict,
    confidence,
    probabilities: probabilities.map(round),
  };
}
