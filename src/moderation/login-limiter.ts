import { RateLimiterMemory } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed logins per account name and per client address; when either has used its
 * attempts for the window, logins are refused before the password is even checked.
 */
export class LoginLimiter {
  private readonly byName: RateLimiterMemory;
  private readonly byAddress: RateLimiterMemory;

  constructor(attempts: number) {
    this.byName = new RateLimiterMemory({ points: attempts, duration: WINDOW_SECONDS });
    this.byAddress = new RateLimiterMemory({ points: attempts, duration: WINDOW_SECONDS });
  }

  /** Seconds until another attempt is allowed, or 0 when one is allowed now. */
  async retryAfter(name: string, address: string): Promise<number> {
    const [n, a] = await Promise.all([this.byName.get(name), this.byAddress.get(address)]);
    const blocked = [n, a].filter((r) => r !== null && r.remainingPoints <= 0);
    return blocked.length === 0
      ? 0
      : Math.ceil(Math.max(...blocked.map((r) => r!.msBeforeNext)) / 1000);
  }

  async recordFailure(name: string, address: string): Promise<void> {
    // consume() rejects once the points are used up; the refusal itself is decided by retryAfter.
    await Promise.allSettled([this.byName.consume(name), this.byAddress.consume(address)]);
  }

  async recordSuccess(name: string): Promise<void> {
    await this.byName.delete(name);
  }
}
