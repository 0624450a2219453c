import type { ClaimOnce } from '../cluster/claim-once.js';

/** Signatures remembered at most; past it the oldest go first (memory stays bounded). */
const MAX_REMEMBERED = 100_000;

/**
 * Signed requests seen within the replay window, so that each is acted on once: a timestamp
 * keeps a captured request from being replayed later, this keeps it from being replayed now.
 * A signature is remembered until its timestamp leaves the window (then it is refused as stale).
 */
export class ReplayGuard {
  /** Signature key -> when it may be forgotten (ms). */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
    private readonly maxRemembered = MAX_REMEMBERED,
    /** Claims shared by the nodes (Redis): a request replayed to another node is refused too. */
    private readonly shared?: ClaimOnce,
  ) {}

  /**
   * As `isFirstSight`, and the first on every node when claims are shared. Rejects when the
   * shared claim cannot be made; this node's own memory has the key by then.
   */
  async isFirstAnywhere(key: string, timestampSeconds: number): Promise<boolean> {
    if (!this.isFirstSight(key, timestampSeconds)) return false;
    if (!this.shared) return true;
    const ttlMs = (timestampSeconds + this.windowSeconds + 1) * 1000 - this.now();
    return this.shared(`webhook-replay:${key}`, ttlMs);
  }

  /** True the first time `key` comes within the window, false for a replay. */
  isFirstSight(key: string, timestampSeconds: number): boolean {
    const now = this.now();
    const forgetAt = this.seen.get(key);
    if (forgetAt !== undefined && forgetAt > now) return false;
    this.seen.delete(key);
    this.seen.set(key, (timestampSeconds + this.windowSeconds + 1) * 1000);
    if (this.seen.size > this.maxRemembered) this.forget(now);
    return true;
  }

  /** Drops what has left the window, then the oldest, down to 90% (so sweeps stay rare). */
  private forget(now: number): void {
    for (const [key, forgetAt] of this.seen) if (forgetAt <= now) this.seen.delete(key);
    for (const key of this.seen.keys()) {
      if (this.seen.size <= this.maxRemembered * 0.9) break;
      this.seen.delete(key);
    }
  }
}
