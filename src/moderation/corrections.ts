import type { Logger } from '../logger.js';
import type { ClusterClaim } from '../store/moderation-clusters.js';
import type { CuratedAnswer } from '../store/moderation-curated.js';
import type { Citation, Origin, Verdict } from '../types.js';

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
export type CorrectionSink = (correction: Correction, asker: Origin) => Promise<void>;

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

/** Sends corrections through the sink of each kind of asker; a failed delivery is logged. */
export class CorrectionDelivery {
  private readonly sinks = new Map<Origin['kind'], CorrectionSink>();

  constructor(private readonly logger: Logger) {}

  /** Corrections for askers of this kind go through `sink`. */
  setSink(kind: Origin['kind'], sink: CorrectionSink): void {
    this.sinks.set(kind, sink);
  }

  async deliver(correction: Correction, asker: Origin): Promise<void> {
    const sink = this.sinks.get(asker.kind);
    if (!sink) return;
    try {
      await sink(correction, asker);
    } catch (err) {
      this.logger.error(
        { err, answerId: correction.answerId, asker: asker.kind },
        'correction not delivered',
      );
    }
  }
}
