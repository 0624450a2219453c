import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
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

async function consume(limiter: RateLimiterMemory, key: string): Promise<void> {
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

/** In-memory per-IP and per-key limits over one-minute windows (one process serves the chat). */
export function createRateLimits(config: Config): RateLimits {
  const minute = (points: number) => new RateLimiterMemory({ points, duration: 60 });
  const httpAnon = minute(config.RATE_ANON_PER_MINUTE);
  const httpKey = minute(config.RATE_KEY_PER_MINUTE);
  const claimAnon = minute(config.RATE_SOCKET_CLAIMS_PER_MINUTE);
  const claimKey = minute(config.RATE_KEY_PER_MINUTE);
  const historyCalls = minute(config.SOCKET_HISTORY_PER_MINUTE);
  return {
    http: (s) => consume(s.kind === 'key' ? httpKey : httpAnon, subjectKey(s)),
    claim: (s) => consume(s.kind === 'key' ? claimKey : claimAnon, subjectKey(s)),
    history: (socketId) => consume(historyCalls, socketId),
    conversationsPerSocket: config.SOCKET_MAX_CONVERSATIONS,
  };
}
