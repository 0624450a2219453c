import type { Asker, ClusterClaim, CuratedAnswer } from '../../store/moderation-clusters.js';
import type { Citation, Verdict } from '../../types.js';

/** An updated answer sent to someone who asked before a moderator reviewed the rumor. */
export interface Correction {
  type: 'correction';
  /** The earlier answer this one replaces. */
  answerId: string;
  clusterId: string;
  curatedId: number;
  /** The claim as that person asked it. */
  claim: string;
  previousVerdict: Verdict | null;
  verdict: Verdict;
  confidence: number;
  answer: string;
  citations: Citation[];
  reviewer: string;
  reviewedAt: string;
  /** The shareable answer page of the earlier answer (now showing the review). */
  url: string;
}

/** Delivers corrections to one kind of asker (widget, Telegram, webhook). */
export type CorrectionSink = (correction: Correction, asker: Asker) => Promise<void>;

/** The verdict a person was last told for a claim: the curated one if any, else the machine's. */
export function toldVerdict(
  claim: ClusterClaim,
  curatedById: (id: number) => CuratedAnswer | undefined,
): Verdict | null {
  if (claim.curatedId !== null) return curatedById(claim.curatedId)?.verdict ?? claim.verdict;
  return claim.verdict;
}

/** Corrections owed after `curated` was saved: to each earlier asker told another verdict. */
export function correctionsFor(
  claims: readonly ClusterClaim[],
  curated: CuratedAnswer,
  curatedById: (id: number) => CuratedAnswer | undefined,
  answerUrl: (answerId: string) => string,
): { claim: ClusterClaim; correction: Correction }[] {
  const owed: { claim: ClusterClaim; correction: Correction }[] = [];
  for (const claim of claims) {
    if (claim.answerId === null || claim.asker === null || claim.curatedId === curated.id) continue;
    const previous = toldVerdict(claim, curatedById);
    if (previous === curated.verdict) continue;
    owed.push({
      claim,
      correction: {
        type: 'correction',
        answerId: claim.answerId,
        clusterId: curated.clusterId,
        curatedId: curated.id,
        claim: claim.text,
        previousVerdict: previous,
        verdict: curated.verdict,
        confidence: 1,
        answer: curated.answer,
        citations: curated.citations,
        reviewer: curated.moderatorName,
        reviewedAt: new Date(curated.createdAt).toISOString(),
        url: answerUrl(claim.answerId),
      },
    });
  }
  return owed;
}
