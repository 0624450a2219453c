import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Context, MiddlewareFn } from 'grammy';
import type { ClaimOnce } from '../cluster/claim-once.js';
import type { RedisConnection } from '../cluster/redis-connection.js';
import type { Logger } from '../logger.js';

/** What the Telegram bot shares with the other nodes of the service. */

/** Telegram keeps an undelivered update for a day: one answered is remembered as long. */
const UPDATE_SEEN_MS = 24 * 3_600_000;

/**
 * Answers per group per minute: counted over every node when they share Redis (this node's
 * memory stands in while Redis is unreachable), else in this process.
 */
export function groupAnswerLimiter(
  answersPerMinute: number,
  botId: string,
  redis: RedisConnection | undefined,
): RateLimiterAbstract {
  const memoryLimiter = new RateLimiterMemory({ points: answersPerMinute, duration: 60 });
  return redis
    ? new RateLimiterRedis({
        storeClient: redis.client,
        keyPrefix: `${redis.prefix}rate:telegram-group:${botId}`,
        points: answersPerMinute,
        duration: 60,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memoryLimiter,
      })
    : memoryLimiter;
}

/** Lets an update through on the first node that claims it (all of them, with Redis gone). */
export function updatesOnce(claim: ClaimOnce, botId: string, log: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const key = `telegram:${botId}:update:${ctx.update.update_id}`;
    const isFirst = await claim(key, UPDATE_SEEN_MS).catch((err: unknown) => {
      // Answering twice beats not answering: with Redis gone, this node answers.
      log.warn({ err, update: ctx.update.update_id }, 'update not claimed; answering anyway');
      return true;
    });
    if (isFirst) await next();
  };
}
