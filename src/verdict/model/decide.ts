import type { Verdict } from '../../types.js';
import type { SentenceStore } from '../evidence/sentence-store.js';
import type { ClaimCheck, RetrievedPassage } from '../pipeline.js';
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

/** The model's verdict for one judged claim, with the judgement re-decided to match it. */
export function decide(model: VerdictModel, check: ClaimCheck, features: FeatureVector): Decision {
  const probabilities = model.probabilities(features);
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
