import { AppError } from '../../src/errors.js';
import { LoginLimiter, type LimitKey } from '../../src/moderation/login-limiter.js';

const pair = (key: string): LimitKey => ({ key, freeFailures: 2, clearsOnSuccess: true });

/** The Retry-After a refused reservation gives, or 0 when the attempt was reserved. */
function retryAfter(limiter: LoginLimiter, keys: LimitKey[], outcome?: 'success' | 'failure') {
  try {
    const reservation = limiter.reserve(keys);
    if (outcome) reservation.settle(outcome);
    return 0;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('RATE_LIMITED');
    return (err as AppError & { details: { retryAfterS: number } }).details.retryAfterS;
  }
}

describe('login limiter', () => {
  let clock: number;
  let limiter: LoginLimiter;
  beforeEach(() => {
    clock = 1_000_000;
    limiter = new LoginLimiter(
      { freeFailures: 2, firstDelayMs: 1000, maxDelayMs: 5000 },
      () => clock,
    );
  });

  it('lets the free failures through, then makes each further attempt wait twice as long, up to the cap', () => {
    const outcomes: number[] = [];
    while (outcomes.length < 12) {
      const wait = retryAfter(limiter, [pair('a')], 'failure');
      outcomes.push(wait);
      clock += wait * 1000;
    }
    // 0: a failed attempt; n: refused, come back in n seconds (and the test does).
    expect(outcomes).toEqual([0, 0, 1, 0, 2, 0, 4, 0, 5, 0, 5, 0]);
  });

  it('reserves before the check: concurrent attempts beyond the free failures wait for the ones in flight', () => {
    const first = limiter.reserve([pair('a')]);
    const second = limiter.reserve([pair('a')]);
    expect(retryAfter(limiter, [pair('a')])).toBeGreaterThan(0);
    first.settle('success');
    // A success clears the failures, but the second attempt is still being checked.
    expect(retryAfter(limiter, [pair('a')])).toBe(0);
    second.settle('failure');
  });

  it('keeps keys apart: one key waiting or succeeding does not touch another', () => {
    retryAfter(limiter, [pair('a')], 'failure');
    retryAfter(limiter, [pair('a')], 'failure');
    expect(retryAfter(limiter, [pair('a')])).toBe(1);
    expect(retryAfter(limiter, [pair('b')], 'success')).toBe(0);
    expect(retryAfter(limiter, [pair('a')])).toBe(1);
  });

  it('refuses when any of the keys must wait, and a success leaves keys that do not clear on success', () => {
    const address: LimitKey = { key: 'addr', freeFailures: 2, clearsOnSuccess: false };
    retryAfter(limiter, [pair('a'), address], 'failure');
    retryAfter(limiter, [pair('b'), address], 'failure');
    expect(retryAfter(limiter, [pair('c'), address])).toBe(1);
    clock += 1000;
    expect(retryAfter(limiter, [pair('c'), address], 'success')).toBe(0);
    retryAfter(limiter, [pair('d'), address], 'failure');
    expect(retryAfter(limiter, [pair('e'), address])).toBe(2);
  });
});
