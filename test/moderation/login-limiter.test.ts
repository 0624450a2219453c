import { openRedis, type RedisConnection } from '../../src/cluster/redis-connection.js';
import { AppError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import {
  LoginLimiter,
  type AttemptLimiter,
  type LimitKey,
  type LoginLimits,
} from '../../src/moderation/login-limiter.js';
import { RedisLoginLimiter } from '../../src/moderation/redis-login-limiter.js';
import { startRedis, type TestRedis } from '../support/redis.js';

const pair = (key: string): LimitKey => ({ key, freeFailures: 2, clearsOnSuccess: true });
const LIMITS: LoginLimits = { freeFailures: 2, firstDelayMs: 1000, maxDelayMs: 5000 };

/** The Retry-After a refused reservation gives, or 0 when the attempt was reserved. */
async function retryAfter(
  limiter: AttemptLimiter,
  keys: LimitKey[],
  outcome?: 'success' | 'failure',
) {
  try {
    const reservation = await limiter.reserve(keys);
    if (outcome) await reservation.settle(outcome);
    return 0;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('RATE_LIMITED');
    return (err as AppError & { details: { retryAfterS: number } }).details.retryAfterS;
  }
}

let redis: TestRedis;
let connection: RedisConnection;
beforeAll(async () => {
  redis = await startRedis();
  connection = openRedis(
    { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' },
    createLogger('silent'),
  );
});
afterAll(async () => {
  await connection.close();
  await redis.stop();
});

/** Each kind of limiter over a clock the test moves; Redis is emptied between tests. */
const kinds: [string, (now: () => number) => Promise<AttemptLimiter>][] = [
  ['in memory', async (now) => new LoginLimiter(LIMITS, now)],
  [
    'in Redis',
    async (now) => {
      await connection.client.flushall();
      return new RedisLoginLimiter(connection, LIMITS, createLogger('silent'), now);
    },
  ],
];

describe.each(kinds)('login limiter %s', (_kind, build) => {
  let clock: number;
  let limiter: AttemptLimiter;
  beforeEach(async () => {
    clock = 1_000_000;
    limiter = await build(() => clock);
  });

  it('lets the free failures through, then makes each further attempt wait twice as long, up to the cap', async () => {
    const outcomes: number[] = [];
    while (outcomes.length < 12) {
      const wait = await retryAfter(limiter, [pair('a')], 'failure');
      outcomes.push(wait);
      clock += wait * 1000;
    }
    // 0: a failed attempt; n: refused, come back in n seconds (and the test does).
    expect(outcomes).toEqual([0, 0, 1, 0, 2, 0, 4, 0, 5, 0, 5, 0]);
  });

  it('reserves before the check: concurrent attempts beyond the free failures wait for the ones in flight', async () => {
    const first = await limiter.reserve([pair('a')]);
    const second = await limiter.reserve([pair('a')]);
    expect(await retryAfter(limiter, [pair('a')])).toBeGreaterThan(0);
    await first.settle('success');
    // A success clears the failures, but the second attempt is still being checked.
    expect(await retryAfter(limiter, [pair('a')])).toBe(0);
    await second.settle('failure');
  });

  it('keeps keys apart: one key waiting or succeeding does not touch another', async () => {
    await retryAfter(limiter, [pair('a')], 'failure');
    await retryAfter(limiter, [pair('a')], 'failure');
    expect(await retryAfter(limiter, [pair('a')])).toBe(1);
    expect(await retryAfter(limiter, [pair('b')], 'success')).toBe(0);
    expect(await retryAfter(limiter, [pair('a')])).toBe(1);
  });

  it('refuses when any of the keys must wait, and a success leaves keys that do not clear on success', async () => {
    const address: LimitKey = { key: 'addr', freeFailures: 2, clearsOnSuccess: false };
    await retryAfter(limiter, [pair('a'), address], 'failure');
    await retryAfter(limiter, [pair('b'), address], 'failure');
    expect(await retryAfter(limiter, [pair('c'), address])).toBe(1);
    clock += 1000;
    expect(await retryAfter(limiter, [pair('c'), address], 'success')).toBe(0);
    await retryAfter(limiter, [pair('d'), address], 'failure');
    expect(await retryAfter(limiter, [pair('e'), address])).toBe(2);
  });
});

describe('login limiter in Redis, shared by nodes', () => {
  beforeEach(() => connection.client.flushall());

  it('reserves no more than the free failures when 40 attempts from two nodes arrive at once', async () => {
    const logger = createLogger('silent');
    // Two nodes: two connections, two limiters, one Redis.
    const other = openRedis({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    try {
      const nodes = [
        new RedisLoginLimiter(connection, LIMITS, logger),
        new RedisLoginLimiter(other, LIMITS, logger),
      ];
      const attempts = await Promise.allSettled(
        Array.from({ length: 40 }, (_, i) => nodes[i % 2]!.reserve([pair('target')])),
      );
      const reserved = attempts.filter((a) => a.status === 'fulfilled');
      const refused = attempts.filter((a) => a.status === 'rejected');
      expect(reserved).toHaveLength(2);
      expect(refused).toHaveLength(38);
      for (const r of refused) expect((r.reason as AppError).code).toBe('RATE_LIMITED');
      // Once the two in flight fail, the next attempt waits, whichever node it comes to.
      for (const r of reserved) await r.value.settle('failure');
      await expect(nodes[0]!.reserve([pair('target')])).rejects.toMatchObject({
        code: 'RATE_LIMITED',
      });
      await expect(nodes[1]!.reserve([pair('target')])).rejects.toMatchObject({
        code: 'RATE_LIMITED',
      });
    } finally {
      await other.close();
    }
  });

  it('refuses with SHARED_STATE_UNAVAILABLE, never letting an attempt through unlimited, when Redis is gone', async () => {
    const gone = await startRedis();
    const logger = createLogger('silent');
    const lost = openRedis({ REDIS_URL: gone.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    try {
      await lost.client.ping();
      await gone.stop();
      const limiter = new RedisLoginLimiter(lost, LIMITS, logger);
      await expect(limiter.reserve([pair('a')])).rejects.toMatchObject({
        code: 'SHARED_STATE_UNAVAILABLE',
        status: 503,
      });
    } finally {
      await lost.close();
    }
  });
});
