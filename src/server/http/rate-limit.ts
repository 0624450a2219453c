import type { RequestHandler } from 'express';
import type { RateLimits } from '../rate-limits.js';

/** Counts the request against its caller's limit; over it, 429 RATE_LIMITED with Retry-After. */
export function rateLimit(limits: RateLimits): RequestHandler {
  return (req, _res, next) => {
    // The error handler sets Retry-After from the error's details.
    limits.http(req.caller).then(() => next(), next);
  };
}
