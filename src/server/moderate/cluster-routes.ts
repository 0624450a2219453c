import type { Router } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { STANCES, VERDICTS, type Citation, type Verdict } from '../../types.js';
import { STANCE_OF } from '../../verdict/pair/pair-stance.js';
import { validate } from '../../validate.js';
import { sessionOf } from './auth-middleware.js';
import { clustersQuery, listQuery, searchQuery } from './query-schemas.js';
import type { ModerationRouterDeps } from './router-deps.js';
import { quotedSpan } from '../quoted-span.js';

/** A moderator's reviewed answer (also its OpenAPI request schema). */
export const curatedBody = z.object({
  verdict: z.enum(VERDICTS),
  answer: z.string().trim().min(1).max(4000),
  citations: z
    .array(
      z.object({
        docId: z.string().min(1),
        start: z.number().int().min(0),
        end: z.number().int().min(1),
        stance: z.enum(STANCES).optional(),
      }),
    )
    .max(8)
    .describe('Spans picked from the knowledge search; the server quotes them exactly.'),
});

/** Clusters and their reviewed answers, the knowledge search, the feed, feedback and audit. */
export function clusterRoutes(router: Router, deps: ModerationRouterDeps): void {
  const { config } = deps;
  const { moderation } = deps.domain;

  router.get('/clusters', async (req, res) => {
    const { order, limit } = validate(clustersQuery, req.query, 'query');
    res.json(await moderation.listClusters(order, limit));
  });

  router.get('/clusters/:id', async (req, res) => {
    res.json(await moderation.cluster(req.params.id));
  });

  router.post('/clusters/:id/curated', async (req, res) => {
    const body = validate(curatedBody, req.body, 'body');
    const citations = await resolveCitations(deps, body.citations, body.verdict);
    const saved = await moderation.saveCurated(sessionOf(res).moderator, String(req.params.id), {
      verdict: body.verdict,
      answer: body.answer,
      citations,
    });
    res.status(201).json(saved);
  });

  router.get('/search', async (req, res) => {
    const { q, k } = validate(searchQuery, req.query, 'query');
    // The claim length rule: counted in code points, as for claims.
    if (Array.from(q).length > config.MAX_CLAIM_LENGTH)
      throw new AppError(
        'VALIDATION_FAILED',
        `q: the search text is longer than ${config.MAX_CLAIM_LENGTH} characters.`,
      );
    const checker = deps.checker();
    if (!checker) throw new AppError('INDEX_NOT_READY');
    const found = await checker.search(q, k);
    res.json(found.map(quotedSpan));
  });

  router.get('/feed', async (req, res) => {
    const { limit } = validate(listQuery, req.query, 'query');
    const claims = await moderation.clusters.recentClaims(limit);
    // The listing shows what the live feed showed: each claim with its answer's citations.
    const feed = await Promise.all(
      claims.map(async (c) =>
        moderation.feedClaimOf(
          c,
          c.answerId ? (await deps.findAnswer(c.answerId))?.result : undefined,
        ),
      ),
    );
    res.json(feed);
  });

  router.get('/feedback', async (req, res) => {
    res.json(await deps.feedbackQueue(validate(listQuery, req.query, 'query').limit));
  });

  router.get('/audit', async (req, res) => {
    res.json(await moderation.audit.list(validate(listQuery, req.query, 'query').limit));
  });
}

/** Turns picked spans into citations with the exact quote from the source (400 if a span is wrong). */
async function resolveCitations(
  deps: ModerationRouterDeps,
  picked: { docId: string; start: number; end: number; stance?: Citation['stance'] }[],
  verdict: Verdict,
): Promise<Citation[]> {
  if (picked.length === 0) return [];
  const checker = deps.checker();
  if (!checker) throw new AppError('INDEX_NOT_READY');
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
      stance: p.stance ?? STANCE_OF[verdict],
    });
  }
  return citations;
}
