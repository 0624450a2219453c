import type { Logger } from '../logger.js';
import type { StoredAnswer } from '../store/store.js';
import type { ClusterRepository } from '../store/moderation-clusters.js';
import type { Origin } from '../types.js';

/** What the outbox hands back to clustering for an answer a stopped process never clustered. */
export interface QueuedObservation {
  answerId: string;
  text: string;
  result: StoredAnswer['result'];
  channel: Origin['kind'];
  asker: Origin;
  askedAt: number;
}

export interface ClusterOutboxDeps {
  clusters: ClusterRepository;
  logger: Logger;
  now: () => number;
  /** Clusters and stores one answered claim (the moderation service's `record`). */
  record: (observation: QueuedObservation) => Promise<unknown>;
}

/**
 * Answers stored but not yet clustered. The transaction that stores an answer queues it; the
 * one that stores its cluster claim takes it off; what a killed process left is clustered at the
 * next start, so no answer is missing from the moderation feed.
 */
export class ClusterOutbox {
  /** Answers this process queued that clustering has not stored yet: its observer has them. */
  private readonly queuedHere = new Set<string>();

  constructor(private readonly deps: ClusterOutboxDeps) {}

  /** Notes a just-stored answer as still to be clustered, through the storing transaction's `clusters`. */
  async queue(
    answerId: string,
    asker: Origin,
    clusters: Pick<ClusterRepository, 'queueAnswer'> = this.deps.clusters,
  ): Promise<void> {
    await clusters.queueAnswer(answerId, asker, this.deps.now());
    this.queuedHere.add(answerId);
  }

  /** Clustering stored this answer's claim. */
  done(answerId: string): void {
    this.queuedHere.delete(answerId);
  }

  /**
   * Clusters the answers a stopped process stored but never clustered, oldest first; `find`
   * reads a stored answer. Returns how many it recorded.
   */
  async recordLeftOver(
    find: (answerId: string) => Promise<StoredAnswer | undefined>,
  ): Promise<number> {
    const { clusters } = this.deps;
    let recorded = 0;
    for (const { answerId, asker } of await clusters.queuedAnswers()) {
      if (this.queuedHere.has(answerId)) continue;
      const answer = await find(answerId);
      if (answer === undefined || (await clusters.claimByAnswer(answerId)) !== undefined) {
        await clusters.unqueueAnswer(answerId);
        continue;
      }
      try {
        await this.deps.record({
          answerId,
          text: answer.claim,
          result: answer.result,
          channel: asker.kind,
          asker,
          askedAt: answer.createdAt,
        });
        recorded++;
      } catch (err) {
        // It stays in the outbox for the next start; the others go on.
        this.deps.logger.error({ err, answerId }, 'a stored answer could not be clustered');
      }
    }
    return recorded;
  }
}
