import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toAppError, toErrorBody } from '../../errors.js';
import type { Metrics } from '../metrics.js';

/** Unknown routes: 404 NOT_FOUND in the error shape. */
export const notFound = (): RequestHandler => (req, _res, next) =>
  next(new AppError('NOT_FOUND', `Nothing is at ${req.method} ${req.path}.`));

/**
 * The one place where errors thrown by any route (public, moderation, bots) become
 * `{ error: { code, message } }` responses; every refusal is counted.
 */
export function errorHandler(metrics: Metrics): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const known = toAppError(err);
    const { status, body } = toErrorBody(known);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.debug({ code: body.error.code }, 'request refused');
    metrics.refusals.inc({ code: body.error.code });
    // A refusal that says when to come back (a limit's wait) says it in the standard header.
    const retryAfterS = (known.details as { retryAfterS?: unknown } | undefined)?.retryAfterS;
    if (typeof retryAfterS === 'number') res.setHeader('Retry-After', String(retryAfterS));
    res.status(status).json(body);
  };
}
