import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '../../errors.js';
import type { Session } from '../../store/moderation-accounts.js';
import type { ModeratorAccounts } from '../../moderation/moderator-accounts.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/** The moderator's session, set by `requireModerator` on res.locals. */
export function sessionOf(res: Response): Session {
  return res.locals.moderatorSession as Session;
}

/** Refuses requests without a live session cookie (401 UNAUTHENTICATED). */
export function requireModerator(accounts: ModeratorAccounts): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      const session = await accounts.session(token);
      if (!session) return next(new AppError('UNAUTHENTICATED'));
      res.locals.moderatorSession = session;
      res.locals.moderatorToken = token;
      next();
    } catch (err) {
      next(err);
    }
  };
}

/** Admins only (403 FORBIDDEN); after `requireModerator`. */
export const requireAdmin: RequestHandler = (_req, res, next) => {
  if (sessionOf(res).moderator.role !== 'admin') {
    return next(new AppError('FORBIDDEN', 'Only admins may do that.'));
  }
  next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Synchronizer-token CSRF check on state-changing requests: the X-CSRF-Token header must equal
 * the token stored with the session (handed out at login and by GET /session). A cross-site form
 * cannot read it, and SameSite=Strict keeps the cookie off cross-site requests as a second wall.
 */
export const requireCsrf: RequestHandler = (req, res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const sent = Buffer.from(String(req.get('x-csrf-token') ?? ''));
  const expected = Buffer.from(sessionOf(res).csrfToken);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
    return next(new AppError('CSRF_FAILED'));
  }
  next();
};
