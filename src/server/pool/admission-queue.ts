import { AppError } from '../../errors.js';

export interface AdmissionQueueOptions {
  /** Work items run at once (the check workers); read on every dispatch, as a reload may change it. */
  concurrency: () => number;
  /** A claim expected to wait longer than this is refused (BUSY) instead of queued. */
  maxWaitMs: number;
  /** Service time assumed until the first item is measured. */
  initialServiceMs?: number;
}

/** Weight of the newest measurement in the running mean of service times. */
const SMOOTHING = 0.2;

/**
 * One queue in front of the checker for every channel (sockets, REST, bots, webhooks): items
 * wait in arrival order per client subject, and subjects take turns (round robin), so a flood from
 * one client delays that client, not the others. `admit` refuses at once, with BUSY and a
 * retry time, when the expected wait of the subject's next item passes the limit; `run` never
 * refuses: what was admitted is answered.
 */
export class AdmissionQueue {
  /** Waiting starters by subject; the map's order is the subjects' turn order. */
  private readonly waiting = new Map<string, Array<() => void>>();
  private queued = 0;
  private running = 0;
  private serviceMs: number;

  constructor(private readonly options: AdmissionQueueOptions) {
    this.serviceMs = options.initialServiceMs ?? 50;
  }

  /** Items waiting (not yet running). */
  get length(): number {
    return this.queued;
  }

  /** Items running now. */
  get active(): number {
    return this.running;
  }

  /** Mean time one item takes, as measured lately. */
  get meanServiceMs(): number {
    return this.serviceMs;
  }

  /**
   * How long the subject's next item would wait: the items served before it in round robin
   * (up to one more than the subject's own waiting items from each other subject) over the
   * concurrency, times the mean service time.
   */
  expectedWaitMs(subject: string): number {
    const own = this.waiting.get(subject)?.length ?? 0;
    let ahead = own;
    for (const [other, items] of this.waiting) {
      if (other !== subject) ahead += Math.min(items.length, own + 1);
    }
    const concurrency = Math.max(1, this.options.concurrency());
    const beyondFree = ahead + this.running + 1 - concurrency;
    return beyondFree <= 0 ? 0 : (beyondFree / concurrency) * this.serviceMs;
  }

  /** Throws BUSY (with `retryAfterS` in its details) when the subject's next item would wait too long. */
  admit(subject: string): void {
    const waitMs = this.expectedWaitMs(subject);
    if (waitMs <= this.options.maxWaitMs) return;
    const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
    throw new AppError(
      'BUSY',
      `The service is busy (about ${retryAfterS} s of checks are queued); try again in ${retryAfterS} s.`,
      { details: { retryAfterS } },
    );
  }

  /** Runs `work` when the subject's turn comes; never refuses. */
  run<T>(subject: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        const began = performance.now();
        work()
          .then(resolve, reject)
          .finally(() => {
            const tookMs = performance.now() - began;
            this.serviceMs += SMOOTHING * (tookMs - this.serviceMs);
            this.running--;
            this.dispatch();
          });
      };
      const items = this.waiting.get(subject);
      if (items) items.push(start);
      else this.waiting.set(subject, [start]);
      this.queued++;
      this.dispatch();
    });
  }

  /** Starts waiting items while there is room, one per subject in turn. */
  private dispatch(): void {
    while (this.running < Math.max(1, this.options.concurrency()) && this.queued > 0) {
      const [subject, items] = this.waiting.entries().next().value!;
      const start = items.shift()!;
      // The subject goes to the back of the turn order, or leaves it when it has nothing left.
      this.waiting.delete(subject);
      if (items.length > 0) this.waiting.set(subject, items);
      this.queued--;
      start();
    }
  }
}
