import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toErrorBody } from '../../errors.js';
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
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.debug({ code: body.error.code }, 'request refused');
    metrics.refusals.inc({ code: body.error.code });
    res.status(status).json(body);
  };
}
