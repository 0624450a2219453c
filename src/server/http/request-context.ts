import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../logger.js';
import type { LimitSubject } from '../client-subject.js';

declare global {
  // Express's own augmentation point for fields that middlewares add to every request.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Request id (from X-Request-Id when sane, else new), also sent back as a header. */
      id: string;
      /** The process logger with this request's id. */
      log: Logger;
      /** Who is calling, for rate limits and hashed client ids (set for /api routes). */
      caller: LimitSubject & { apiKeyName?: string };
      /** The client id of a valid X-Client-Token (the one voter this client is). */
      clientId?: string;
    }
  }
}

const SANE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Gives each request an id and a child logger carrying it. */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    req.id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    next();
  };
}
