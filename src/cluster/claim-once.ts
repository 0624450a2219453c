import type { RedisConnection } from './redis-connection.js';

/**
 * Claims `key` for `ttlMs`: true for the first claimant on any node, false for every later
 * one until the claim runs out. Rejects when Redis is unreachable (the caller decides whether
 * to act anyway or not at all).
 */
export type ClaimOnce = (key: string, ttlMs: number) => Promise<boolean>;

/** Claims as Redis `SET key NX PX`: one atomic step, so two nodes cannot both win. */
export function redisClaimOnce(redis: RedisConnection): ClaimOnce {
  return async (key, ttlMs) =>
    (await redis.client.set(`${redis.prefix}once:${key}`, '1', 'PX', Math.max(1, ttlMs), 'NX')) ===
    'OK';
}
