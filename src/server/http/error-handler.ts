import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toErrorBody, type ErrorCode } from '../../errors.js';
import type { Metrics } from '../metrics.js';

/** body-parser's error types, mapped to our codes. */
const PARSER_ERRORS: Record<string, ErrorCode> = {
  'entity.parse.failed': 'INVALID_JSON',
  'entity.too.large': 'BODY_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'parameters.too.many': 'BODY_TOO_LARGE',
  'request.aborted': 'BAD_REQUEST',
  'request.size.invalid': 'BAD_REQUEST',
};

/** Unknown routes: 404 NOT_FOUND in the error shape. */
export const notFound = (): RequestHandler => (req, _res, next) =>
  next(new AppError('NOT_FOUND', `Nothing is at ${req.method} ${req.path}.`));

/** The one place where thrown errors become `{ error: { code, message } }` responses. */
export function errorHandler(metrics: Metrics): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const parserType = (err as { type?: unknown })?.type;
    const known =
      typeof parserType === 'string' && PARSER_ERRORS[parserType]
        ? new AppError(PARSER_ERRORS[parserType])
        : err;
    const { status, body } = toErrorBody(known);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.debug({ code: body.error.code }, 'request refused');
    metrics.refusals.inc({ code: body.error.code });
    res.status(status).json(body);
  };
}
