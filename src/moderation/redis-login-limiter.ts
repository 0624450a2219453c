import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '../cluster/redis-connection.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import {
  FORGET_AFTER_MS,
  mustWait,
  type AttemptLimiter,
  type LimitKey,
  type LoginLimits,
  type Reservation,
} from './login-limiter.js';

/**
 * How long a reservation counts as in flight at most: a node that dies while checking a
 * password cannot leave its attempt counted for ever (a check takes well under a second).
 */
const IN_FLIGHT_TTL_MS = 60_000;

// Shared by both scripts: the doubling wait after the n-th failure past the free ones.
const DELAY = `
local first, cap = tonumber(ARGV[4]), tonumber(ARGV[5])
local function delay(n) return math.min(first * 2 ^ math.min(n - 1, 40), cap) end
`;

/**
 * Reserve: KEYS are (counter hash, in-flight sorted set) per limit key; ARGV = now, reservation
 * id, in-flight TTL, first delay, cap, then each key's free failures. Returns the wait in ms
 * (nothing reserved) or 0 (reserved under every key). One script, so no two nodes can both
 * slip past a count: the same rules as LoginLimiter's synchronous step.
 */
const RESERVE = `${DELAY}
local now, id, ttl = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3])
local wait = 0
for i = 1, #KEYS / 2 do
  local h, z, free = KEYS[2 * i - 1], KEYS[2 * i], tonumber(ARGV[5 + i])
  redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
  local inflight = redis.call('ZCARD', z)
  local f = tonumber(redis.call('HGET', h, 'f') or '0')
  local w = tonumber(redis.call('HGET', h, 'w') or '0')
  local k = 0
  if w > now then k = w - now
  elseif inflight > 0 and f + inflight >= free then k = delay(f + inflight - free + 1) end
  if k > wait then wait = k end
end
if wait > 0 then return math.ceil(wait) end
for i = 1, #KEYS / 2 do
  redis.call('ZADD', KEYS[2 * i], now + ttl, id)
  redis.call('PEXPIRE', KEYS[2 * i], ttl)
end
return 0
`;

/**
 * Settle: KEYS as for reserve; ARGV = now, reservation id, outcome, first delay, cap, forget
 * after, then per key its free failures and whether a success clears it (1 or 0).
 */
const SETTLE = `${DELAY}
local now, id, outcome, forget = tonumber(ARGV[1]), ARGV[2], ARGV[3], tonumber(ARGV[6])
for i = 1, #KEYS / 2 do
  local h, z = KEYS[2 * i - 1], KEYS[2 * i]
  local free, clears = tonumber(ARGV[5 + 2 * i]), ARGV[6 + 2 * i]
  redis.call('ZREM', z, id)
  if outcome == 'failure' then
    local f = redis.call('HINCRBY', h, 'f', 1)
    if f - free >= 0 then redis.call('HSET', h, 'w', now + delay(f - free + 1)) end
    redis.call('PEXPIRE', h, forget)
  elseif clears == '1' then
    redis.call('DEL', h)
  end
end
return 0
`;

/**
 * Password attempts counted in Redis, so that waits earned on one node hold on every node. The
 * rules are LoginLimiter's: attempts in flight count as failures, past the free failures one
 * attempt at a time goes ahead after a doubling wait (never a lock), a success clears a pair's
 * failures, and a key without failures for a day starts afresh (its hash expires). With Redis
 * unreachable no attempt is reserved (503 SHARED_STATE_UNAVAILABLE): logins are rare, and
 * counting in memory per node would multiply an attacker's guesses by the number of nodes.
 */
export class RedisLoginLimiter implements AttemptLimiter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly limits: LoginLimits,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The Redis keys of limit keys, with one hash tag so that a Redis Cluster keeps them together. */
  private keysOf(keys: LimitKey[]): string[] {
    return keys.flatMap((k) => {
      const base = `${this.redis.prefix}{login}:${k.key}`;
      return [base, `${base}:in-flight`];
    });
  }

  async reserve(keys: LimitKey[]): Promise<Reservation> {
    const id = randomUUID();
    const redisKeys = this.keysOf(keys);
    const { firstDelayMs, maxDelayMs } = this.limits;
    let waitMs: number;
    try {
      waitMs = Number(
        await this.redis.client.eval(
          RESERVE,
          redisKeys.length,
          ...redisKeys,
          this.now(),
          id,
          IN_FLIGHT_TTL_MS,
          firstDelayMs,
          maxDelayMs,
          ...keys.map((k) => k.freeFailures),
        ),
      );
    } catch (err) {
      this.logger.error({ err }, 'login attempt not reserved: redis unreachable');
      throw new AppError('SHARED_STATE_UNAVAILABLE', undefined, { cause: err });
    }
    if (waitMs > 0) throw mustWait(waitMs);
    let isSettled = false;
    return {
      settle: async (outcome) => {
        if (isSettled) return;
        isSettled = true;
        try {
          await this.redis.client.eval(
            SETTLE,
            redisKeys.length,
            ...redisKeys,
            this.now(),
            id,
            outcome,
            firstDelayMs,
            maxDelayMs,
            FORGET_AFTER_MS,
            ...keys.flatMap((k) => [k.freeFailures, k.clearsOnSuccess ? 1 : 0]),
          );
        } catch (err) {
          // The reservation runs out by itself (IN_FLIGHT_TTL_MS); the outcome is lost.
          this.logger.error({ err, outcome }, 'login attempt not settled: redis unreachable');
        }
      },
    };
  }
}
