import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isFault, retryAfterOf, toAppError, toErrorBody } from '../../errors.js';
import type { Metrics } from '../metrics.js';

/** Unknown routes: 404 NOT_FOUND in the error shape. */
export const notFound = (): RequestHandler => (req, _res, next) =>
  next(new AppError('NOT_FOUND', `Nothing is at ${req.method} ${req.path}.`));

/**
 * The one place where errors thrown by any route (public, moderation, bots) become
 * `{ error: { code, message } }` responses (with Retry-After when the error says when); every
 * refusal is counted.
 */
export function errorHandler(metrics: Metrics): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const { status, body } = toErrorBody(err);
    if (isFault(toAppError(err))) req.log.error({ err }, 'request failed');
    else req.log.debug({ code: body.error.code }, 'request refused');
    metrics.refusals.inc({ code: body.error.code });
    const retryAfterS = retryAfterOf(err);
    if (retryAfterS !== undefined) res.setHeader('Retry-After', String(retryAfterS));
    res.status(status).json(body);
  };
}
