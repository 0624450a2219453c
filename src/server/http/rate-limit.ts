import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { RateLimits } from '../rate-limits.js';

/** Counts the request against its caller's limit; over it, 429 RATE_LIMITED with Retry-After. */
export function rateLimit(limits: RateLimits): RequestHandler {
  return async (req, res, next) => {
    try {
      await limits.http(req.caller);
      next();
    } catch (err) {
      const details =
        err instanceof AppError ? (err.details as { retryAfterS?: number }) : undefined;
      if (details?.retryAfterS) res.setHeader('Retry-After', String(details.retryAfterS));
      next(err);
    }
  };
}
