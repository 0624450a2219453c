import type { CheckResult, Review } from '../types.js';
import type { CuratedDecision } from './curated-match.js';
import type { CuratedAnswer } from '../store/moderation-curated.js';

/**
 * Applies a reviewed answer to a machine result: above the automatic threshold the curated
 * answer replaces the machine's (which is kept in `reviewed.machine`); between the suggestion
 * and automatic thresholds the answer points to the reviewed claim. Pure.
 */
export function applyReview(
  result: CheckResult,
  decision: Exclude<CuratedDecision, { kind: 'none' }>,
  curated: CuratedAnswer,
  representative: string,
): CheckResult {
  const common: Omit<Review, 'kind'> = {
    clusterId: curated.clusterId,
    curatedId: curated.id,
    verdict: curated.verdict,
    reviewer: curated.moderatorName,
    reviewedAt: new Date(curated.createdAt).toISOString(),
  };
  if (decision.kind === 'curated') {
    return {
      ...result,
      verdict: curated.verdict,
      confidence: 1,
      answer: curated.answer,
      citations: curated.citations,
      reviewed: {
        kind: 'curated',
        ...common,
        machine: { verdict: result.verdict, confidence: result.confidence },
      },
    };
  }
  return {
    ...result,
    answer: `${result.answer} A reviewed answer may match: "${representative}" (${curated.verdict}).`,
    reviewed: { kind: 'suggested', ...common, claim: representative },
  };
}
