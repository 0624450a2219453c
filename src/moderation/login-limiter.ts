import { AppError } from '../errors.js';

export interface LoginLimits {
  /** Failures a key may have before each further attempt waits. */
  freeFailures: number;
  /** The first wait; it doubles with each further failure. */
  firstDelayMs: number;
  /** The longest wait: a delay an attacker can impose on their own address, never a lock. */
  maxDelayMs: number;
}

/** One thing attempts are counted against, e.g. an address and account name together. */
export interface LimitKey {
  key: string;
  /** Failures allowed before waits begin (an address over all names gets more than one pair). */
  freeFailures: number;
  /** Whether a success clears this key's failures (a pair's, never a whole address's). */
  clearsOnSuccess: boolean;
}

/** A reserved attempt: settle it once with the password check's outcome. */
export interface Reservation {
  settle(outcome: 'success' | 'failure'): Promise<void>;
}

/**
 * Password attempts reserved before the password is checked, under the same rules in memory
 * (LoginLimiter, one process) and in Redis (RedisLoginLimiter, every node).
 */
export interface AttemptLimiter {
  /** Reserves an attempt under every key at once; throws RATE_LIMITED (with retryAfterS) if any must wait. */
  reserve(keys: LimitKey[]): Promise<Reservation>;
}

/** The wait after the n-th failure past the free ones: doubling from the first, up to the cap. */
export function loginDelay(limits: LoginLimits, n: number): number {
  return Math.min(limits.firstDelayMs * 2 ** Math.min(n - 1, 40), limits.maxDelayMs);
}

/** The refusal of an attempt that must wait `waitMs`. */
export function mustWait(waitMs: number): AppError {
  const retryAfterS = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `Too many failed attempts; try again in ${retryAfterS} s.`, {
    details: { retryAfterS },
  });
}

interface Counter {
  failures: number;
  /** Attempts reserved whose password check has not finished: counted as failures until then. */
  inFlight: number;
  waitUntil: number;
  lastFailureAt: number;
}

/** A key without failures for this long starts afresh. */
export const FORGET_AFTER_MS = 24 * 3_600_000;
/** Counters kept at most; beyond it the least recently used idle ones go (bounded memory). */
const MAX_COUNTERS = 100_000;

/**
 * Password attempts in memory, reserved before the password is checked. The check and the
 * reservation happen in one synchronous step, so concurrent requests cannot all slip past the count: while
 * attempts are in flight they count as failures, and once a key's free failures are used, one
 * attempt at a time is let through, each after a doubling wait (429 with Retry-After).
 */
export class LoginLimiter implements AttemptLimiter {
  private readonly counters = new Map<string, Counter>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reserves an attempt under every key at once; throws RATE_LIMITED (with retryAfterS) if any must wait. */
  async reserve(keys: LimitKey[]): Promise<Reservation> {
    const now = this.now();
    const waitMs = Math.max(0, ...keys.map((k) => this.waitFor(k, now)));
    if (waitMs > 0) throw mustWait(waitMs);
    const counters = keys.map((k) => ({ limit: k, counter: this.touch(k.key, now) }));
    for (const { counter } of counters) counter.inFlight++;
    let isSettled = false;
    return {
      settle: async (outcome) => {
        if (isSettled) return;
        isSettled = true;
        const at = this.now();
        for (const { limit, counter } of counters) {
          counter.inFlight--;
          if (outcome === 'failure') {
            counter.failures++;
            counter.lastFailureAt = at;
            const over = counter.failures - limit.freeFailures;
            if (over >= 0) counter.waitUntil = at + this.delay(over + 1);
          } else if (limit.clearsOnSuccess) {
            counter.failures = 0;
            counter.waitUntil = 0;
          }
        }
      },
    };
  }

  /** How long the key must wait now; 0 when an attempt may go ahead. */
  private waitFor(limit: LimitKey, now: number): number {
    const c = this.counters.get(limit.key);
    if (!c) return 0;
    if (c.waitUntil > now) return c.waitUntil - now;
    // Past the free failures only one attempt runs at a time; in-flight ones may yet fail.
    if (c.inFlight > 0 && c.failures + c.inFlight >= limit.freeFailures)
      return this.delay(c.failures + c.inFlight - limit.freeFailures + 1);
    return 0;
  }

  private delay(n: number): number {
    return loginDelay(this.limits, n);
  }

  /** The key's counter, moved to the back of the map (most recently used); prunes when large. */
  private touch(key: string, now: number): Counter {
    const existing = this.counters.get(key);
    const isStale =
      existing !== undefined &&
      existing.inFlight === 0 &&
      existing.lastFailureAt < now - FORGET_AFTER_MS;
    const counter =
      existing && !isStale
        ? existing
        : { failures: 0, inFlight: 0, waitUntil: 0, lastFailureAt: 0 };
    this.counters.delete(key);
    this.counters.set(key, counter);
    if (this.counters.size > MAX_COUNTERS) this.prune(now);
    return counter;
  }

  private prune(now: number): void {
    for (const [key, c] of this.counters) {
      if (this.counters.size <= MAX_COUNTERS * 0.9) return;
      const isIdle = c.inFlight === 0 && c.waitUntil <= now;
      if (isIdle || c.lastFailureAt < now - FORGET_AFTER_MS) this.counters.delete(key);
    }
  }
}
