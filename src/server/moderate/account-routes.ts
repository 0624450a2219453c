import type { Response, Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { tokenHash } from '../../moderation/session-tokens.js';
import { validate } from '../../validate.js';
import { requireAdmin, sessionOf } from './auth-middleware.js';
import { isSecureRequest, type ModerationRouterDeps } from './router-deps.js';
import { SESSION_COOKIE, readCookie, sessionCookie } from './session-cookie.js';

export const loginBody = z.object({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
const roleSchema = z.enum(['moderator', 'admin']);
export const moderatorBody = z.object({
  name: z.string(),
  role: roleSchema.default('moderator'),
});
export const moderatorChanges = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((c) => c.role !== undefined || c.disabled !== undefined, 'role or disabled is needed');
export const passwordBody = z.object({
  current: z.string().max(1024),
  password: z.string().max(1024),
});

/** Account ids in paths: small positive integers, anything else is no account. */
const moderatorId = (raw: unknown): number => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AppError('NOT_FOUND', 'No moderator has that id.');
  return id;
};

/**
 * POST /login: a session cookie and the CSRF token. Attempts are limited per address by the
 * accounts (429 RATE_LIMITED with Retry-After, set by the error handler).
 */
export function loginRoute(router: Router, { config, domain }: ModerationRouterDeps): void {
  router.post('/login', async (req, res) => {
    const body = validate(loginBody, req.body, 'body');
    const opened = await domain.accounts.login(body.name, body.password, req.ip ?? 'unknown');
    if (!opened) throw new AppError('UNAUTHENTICATED', 'Wrong name or password.');
    res.setHeader(
      'Set-Cookie',
      sessionCookie(opened.token, {
        maxAgeSeconds: Math.floor(config.MOD_SESSION_HOURS * 3600),
        secure: isSecureRequest(config, req),
      }),
    );
    res.json({ moderator: opened.session.moderator, csrfToken: opened.session.csrfToken });
  });
}

/** The session, logout, one's own password, and (admins) the moderator accounts. */
export function accountRoutes(router: Router, { config, domain }: ModerationRouterDeps): void {
  const { accounts, moderation } = domain;

  router.get('/session', (_req, res) => {
    const s = sessionOf(res);
    res.json({ moderator: s.moderator, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
  });

  router.post('/logout', async (req, res) => {
    await accounts.logout(String(readCookie(req.headers.cookie, SESSION_COOKIE)));
    res.setHeader(
      'Set-Cookie',
      sessionCookie('', { maxAgeSeconds: 0, secure: isSecureRequest(config, req) }),
    );
    res.status(204).end();
  });

  router.get('/moderators', requireAdmin, async (_req, res) => {
    res.json(await accounts.repo.list());
  });

  /** An account action in the audit log (who did it comes from the session). */
  const auditAccount = (
    res: Response,
    action: string,
    target: { name: string },
    before: unknown,
    after: unknown,
  ) =>
    moderation.logAction(
      sessionOf(res).moderator,
      action,
      `moderator:${target.name}`,
      before,
      after,
    );

  router.post('/moderators', requireAdmin, async (req, res) => {
    const body = validate(moderatorBody, req.body, 'body');
    const { moderator, password } = await accounts.add(body.name, body.role);
    await auditAccount(res, 'moderator.create', moderator, null, {
      name: moderator.name,
      role: moderator.role,
    });
    res.status(201).json({ moderator, password });
  });

  router.patch('/moderators/:id', requireAdmin, async (req, res) => {
    const id = moderatorId(req.params.id);
    const changes = validate(moderatorChanges, req.body, 'body');
    const { before, after } = await accounts.update(id, changes);
    await auditAccount(
      res,
      'moderator.update',
      after,
      { role: before.role, disabled: before.disabled },
      { role: after.role, disabled: after.disabled },
    );
    res.json(after);
  });

  router.post('/moderators/:id/password', requireAdmin, async (req, res) => {
    const { moderator, password } = await accounts.resetPassword(moderatorId(req.params.id));
    // The audit says that it happened, never the password.
    await auditAccount(res, 'moderator.reset-password', moderator, null, null);
    res.json({ moderator, password });
  });

  router.post('/password', async (req, res) => {
    const body = validate(passwordBody, req.body, 'body');
    const session = sessionOf(res);
    const token = String(res.locals.moderatorToken);
    await accounts.changePassword(
      { moderator: session.moderator, tokenHash: tokenHash(token) },
      body.current,
      body.password,
    );
    await auditAccount(res, 'moderator.change-password', session.moderator, null, null);
    res.status(204).end();
  });
}
