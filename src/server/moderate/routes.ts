import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import { AppError, toErrorBody } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Checker } from '../../verdict/checker-types.js';
import type { CheckResult, Citation } from '../../types.js';
import { requireAdmin, requireCsrf, requireModerator, sessionOf } from './auth-middleware.js';
import { LoginLimiter } from './login-limiter.js';
import type { ModeratorAccounts } from './moderator-accounts.js';
import type { ModerationService } from './moderation-service.js';
import { SESSION_COOKIE, readCookie, sessionCookie, tokenHash } from './session-cookie.js';
import { quotedSpan } from '../quoted-span.js';

export interface ModerationRouterDeps {
  config: Config;
  logger: Logger;
  accounts: ModeratorAccounts;
  moderation: ModerationService;
  /** Knowledge search and exact spans for citations; absent until the index is loaded. */
  checker?: () => Pick<Checker, 'search' | 'sourceContext'> | undefined;
  /** The stored answer a claim got (the feed lists its citations). */
  findAnswer?: (
    answerId: string,
  ) => { result: CheckResult } | undefined | Promise<{ result: CheckResult } | undefined>;
  /** Not-helpful votes with their reasons, newest first (the feedback queue). */
  feedbackQueue?: (limit: number) => FeedbackItem[];
  /** Extra admin routes (documents) mounted after authentication. */
  extend?: (router: Router) => void;
}

/** One not-helpful vote and the answer it is about. */
export interface FeedbackItem {
  answerId: string;
  claim: string;
  verdict: string;
  reason: string | null;
  votedAt: number;
  votes: { helpful: number; notHelpful: number };
}

const verdictSchema = z.enum(['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO']);
const loginBody = z.object({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
const curatedBody = z.object({
  verdict: verdictSchema,
  answer: z.string().trim().min(1).max(4000),
  citations: z
    .array(
      z.object({
        docId: z.string().min(1),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        stance: z.enum(['supports', 'refutes', 'neutral']).optional(),
      }),
    )
    .max(8),
});
const roleSchema = z.enum(['moderator', 'admin']);
const moderatorBody = z.object({
  name: z.string(),
  role: roleSchema.default('moderator'),
});
const moderatorChanges = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((c) => c.role !== undefined || c.disabled !== undefined, 'role or disabled is needed');
const passwordBody = z.object({ current: z.string().max(1024), password: z.string().max(1024) });
/** Account ids in paths: small positive integers, anything else is no account. */
const moderatorId = (raw: unknown): number => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1)
    throw new AppError('NOT_FOUND', 'No moderator has that id.');
  return id;
};

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new AppError('VALIDATION_FAILED', problems.join('; '));
  }
  return parsed.data;
}

/** Express 5 forwards rejected promises to the error handler; this keeps handlers terse. */
type Handler = (req: Request, res: Response) => unknown;

/** The moderation API under /api/v1/moderate: login first, then everything else. */
export function createModerationRouter(deps: ModerationRouterDeps): Router {
  const { config, accounts, moderation } = deps;
  const limiter = new LoginLimiter(config.MOD_LOGIN_ATTEMPTS);
  const router = Router();
  router.use(express.json({ limit: '200kb' }));
  const isSecure = (req: Request) =>
    config.MOD_COOKIE_SECURE === 'true' || (config.MOD_COOKIE_SECURE === 'auto' && req.secure);

  const login: Handler = async (req, res) => {
    const body = parse(loginBody, req.body);
    const address = req.ip ?? 'unknown';
    const wait = await limiter.retryAfter(body.name, address);
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      throw new AppError('RATE_LIMITED', 'Too many failed logins; try again later.');
    }
    const opened = await accounts.login(body.name, body.password);
    if (!opened) {
      await limiter.recordFailure(body.name, address);
      throw new AppError('UNAUTHENTICATED', 'Wrong name or password.');
    }
    await limiter.recordSuccess(body.name);
    res.setHeader(
      'Set-Cookie',
      sessionCookie(opened.token, {
        maxAgeSeconds: Math.floor(config.MOD_SESSION_HOURS * 3600),
        secure: isSecure(req),
      }),
    );
    res.json({ moderator: opened.session.moderator, csrfToken: opened.session.csrfToken });
  };
  router.post('/login', login);

  router.use(requireModerator(accounts), requireCsrf);

  router.get('/session', (_req, res) => {
    const s = sessionOf(res);
    res.json({ moderator: s.moderator, csrfToken: s.csrfToken, expiresAt: s.expiresAt });
  });

  router.post('/logout', (req, res) => {
    accounts.logout(String(readCookie(req.headers.cookie, SESSION_COOKIE)));
    res.setHeader('Set-Cookie', sessionCookie('', { maxAgeSeconds: 0, secure: isSecure(req) }));
    res.status(204).end();
  });

  router.get('/clusters', (req, res) => {
    const order = req.query.order === 'growth' ? 'growth' : 'active';
    res.json(moderation.listClusters(order, listLimit(req)));
  });

  router.get('/clusters/:id', (req, res) => {
    res.json(moderation.cluster(req.params.id));
  });

  const saveCurated: Handler = async (req, res) => {
    const body = parse(curatedBody, req.body);
    const citations = await resolveCitations(deps, body.citations, body.verdict);
    const saved = await moderation.saveCurated(sessionOf(res).moderator, String(req.params.id), {
      verdict: body.verdict,
      answer: body.answer,
      citations,
    });
    res.status(201).json(saved);
  };
  router.post('/clusters/:id/curated', saveCurated);

  const search: Handler = async (req, res) => {
    const q = String(req.query.q ?? '').trim();
    if (q === '') throw new AppError('VALIDATION_FAILED', 'q: the search text is empty.');
    if (q.length > config.MAX_CLAIM_LENGTH)
      throw new AppError(
        'VALIDATION_FAILED',
        `q: the search text is longer than ${config.MAX_CLAIM_LENGTH} characters.`,
      );
    const k = Math.min(20, Math.max(1, Number(req.query.k) || 8));
    const checker = deps.checker?.();
    if (!checker) throw new AppError('INDEX_NOT_READY');
    const found = await checker.search(q, k);
    res.json(found.map(quotedSpan));
  };
  router.get('/search', search);

  router.get('/feed', async (req, res) => {
    const claims = moderation.clusters.recentClaims(listLimit(req));
    // The listing shows what the live feed showed: each claim with its answer's citations.
    const results = await Promise.all(
      claims.map(async (c) =>
        c.answerId ? (await deps.findAnswer?.(c.answerId))?.result : undefined,
      ),
    );
    res.json(claims.map((c, i) => moderation.feedClaimOf(c, results[i])));
  });

  router.get('/feedback', (req, res) => {
    res.json(deps.feedbackQueue?.(listLimit(req)) ?? []);
  });

  router.get('/audit', (req, res) => {
    res.json(moderation.audit.list(listLimit(req)));
  });

  router.get('/moderators', requireAdmin, (_req, res) => {
    res.json(accounts.repo.list());
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

  const addModerator: Handler = async (req, res) => {
    const body = parse(moderatorBody, req.body);
    const { moderator, password } = await accounts.add(body.name, body.role);
    auditAccount(res, 'moderator.create', moderator, null, {
      name: moderator.name,
      role: moderator.role,
    });
    res.status(201).json({ moderator, password });
  };
  router.post('/moderators', requireAdmin, addModerator);

  const updateModerator: Handler = (req, res) => {
    const id = moderatorId(req.params.id);
    const changes = parse(moderatorChanges, req.body);
    const { before, after } = accounts.update(id, changes);
    auditAccount(
      res,
      'moderator.update',
      after,
      { role: before.role, disabled: before.disabled },
      { role: after.role, disabled: after.disabled },
    );
    res.json(after);
  };
  router.patch('/moderators/:id', requireAdmin, updateModerator);

  const resetPassword: Handler = async (req, res) => {
    const { moderator, password } = await accounts.resetPassword(moderatorId(req.params.id));
    // The audit says that it happened, never the password.
    auditAccount(res, 'moderator.reset-password', moderator, null, null);
    res.json({ moderator, password });
  };
  router.post('/moderators/:id/password', requireAdmin, resetPassword);

  const changeOwnPassword: Handler = async (req, res) => {
    const body = parse(passwordBody, req.body);
    const session = sessionOf(res);
    const token = String(res.locals.moderatorToken);
    await accounts.changePassword(
      { moderator: session.moderator, tokenHash: tokenHash(token) },
      body.current,
      body.password,
    );
    auditAccount(res, 'moderator.change-password', session.moderator, null, null);
    res.status(204).end();
  };
  router.post('/password', changeOwnPassword);

  deps.extend?.(router);

  router.use((_req, _res, next) => next(new AppError('NOT_FOUND')));
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    const converted = bodyParserError(err) ?? err;
    const { status, body } = toErrorBody(converted);
    if (status >= 500) deps.logger.error({ err, path: req.path }, 'moderation route failed');
    res.status(status).json(body);
  };
  router.use(onError);
  return router;
}

/** express.json() errors (bad JSON, too large) as our codes. */
function bodyParserError(err: unknown): AppError | undefined {
  const type = (err as { type?: string }).type;
  if (type === 'entity.parse.failed') return new AppError('INVALID_JSON');
  if (type === 'entity.too.large') return new AppError('BODY_TOO_LARGE');
  return undefined;
}

/** Turns picked spans into citations with the exact quote from the source (400 if a span is wrong). */
async function resolveCitations(
  deps: ModerationRouterDeps,
  picked: { docId: string; start: number; end: number; stance?: Citation['stance'] }[],
  verdict: z.infer<typeof verdictSchema>,
): Promise<Citation[]> {
  if (picked.length === 0) return [];
  const checker = deps.checker?.();
  if (!checker) throw new AppError('INDEX_NOT_READY');
  const defaultStance: Citation['stance'] =
    verdict === 'SUPPORTED' ? 'supports' : verdict === 'REFUTED' ? 'refutes' : 'neutral';
  const citations: Citation[] = [];
  for (const [i, p] of picked.entries()) {
    if (p.end <= p.start)
      throw new AppError('VALIDATION_FAILED', `citations.${i}: end must be after start.`);
    const ctx = await checker.sourceContext(p.docId, p.start, p.end);
    if (!ctx)
      throw new AppError(
        'VALIDATION_FAILED',
        `citations.${i}: no such span in the knowledge base.`,
      );
    citations.push({
      n: i + 1,
      docId: ctx.docId,
      title: ctx.title,
      source: ctx.source,
      start: ctx.start,
      end: ctx.end,
      quote: ctx.quote,
      score: 1,
      stance: p.stance ?? defaultStance,
    });
  }
  return citations;
}

/** A listing's `limit` query parameter: 1 to 500, 100 when absent or not a number. */
function listLimit(req: Request): number {
  return Math.min(500, Math.max(1, Math.floor(Number(req.query.limit)) || 100));
}
