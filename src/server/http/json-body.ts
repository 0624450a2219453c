import express, { type RequestHandler } from 'express';
import { AppError } from '../../errors.js';

/**
 * Parses JSON bodies up to `limitBytes`; a body of another media type is refused with 415
 * rather than silently ignored. Parser failures become coded errors in the error handler.
 */
export function jsonBody(limitBytes: number): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody =
      req.get('content-length') !== '0' &&
      (req.get('content-length') || req.get('transfer-encoding'));
    if (hasBody && !req.is('application/json')) return next(new AppError('UNSUPPORTED_MEDIA_TYPE'));
    next();
  };
  return [requireJson, express.json({ limit: limitBytes, strict: true, type: 'application/json' })];
}
