import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { RedisConnection } from '../cluster/redis-connection.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';

import { subjectKey, type LimitSubject } from './client-subject.js';

export interface RateLimits {
  /** Consumes one REST request; throws RATE_LIMITED (with retryAfterS) when over the limit. */
  http(subject: LimitSubject): Promise<void>;
  /** Consumes one chat message. */
  claim(subject: LimitSubject): Promise<void>;
  /** Consumes one `history` call of a chat socket (by its id). */
  history(socketId: string): Promise<void>;
  /** Conversations one chat socket may follow at once. */
  conversationsPerSocket: number;
}

async function consume(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfterS = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfterS} s.`, {
      details: { retryAfterS },
    });
  }
}

/**
 * A one-minute window of `points` per key: in memory, or with Redis counted over every node.
 * When Redis is unreachable each node counts alone in memory (the insurance limiter) rather
 * than refusing everyone: the service stays up, and an abuser gains at most the node count
 * times the limit while the outage lasts. Not ready means not waiting: a request falls back
 * at once instead of queueing behind reconnection attempts.
 */
function minuteLimiter(points: number, name: string, redis?: RedisConnection): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 60 });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis.client,
    keyPrefix: `${redis.prefix}rate:${name}`,
    points,
    duration: 60,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

/**
 * Per-IP and per-key limits over one-minute windows, shared by every node when Redis is given.
 * `history` calls are counted per socket, which lives on one node: they stay in memory.
 */
export function createRateLimits(config: Config, redis?: RedisConnection): RateLimits {
  const httpAnon = minuteLimiter(config.RATE_ANON_PER_MINUTE, 'http-anon', redis);
  const httpKey = minuteLimiter(config.RATE_KEY_PER_MINUTE, 'http-key', redis);
  const claimAnon = minuteLimiter(config.RATE_SOCKET_CLAIMS_PER_MINUTE, 'claim-anon', redis);
  const claimKey = minuteLimiter(config.RATE_KEY_PER_MINUTE, 'claim-key', redis);
  const historyCalls = minuteLimiter(config.SOCKET_HISTORY_PER_MINUTE, 'history');
  return {
    http: (s) => consume(s.kind === 'key' ? httpKey : httpAnon, subjectKey(s)),
    claim: (s) => consume(s.kind === 'key' ? claimKey : claimAnon, subjectKey(s)),
    history: (socketId) => consume(historyCalls, socketId),
    conversationsPerSocket: config.SOCKET_MAX_CONVERSATIONS,
  };
}
