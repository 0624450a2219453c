import { Router } from 'express';
import { AppError, toErrorBody } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Checker } from '../../verdict/checker-types.js';
import type { CheckResult, Citation } from '../../types.js';
import { renderAnswerPage, type PageCitation } from './answer-page-html.js';
import type { ModerationService } from './moderation-service.js';

/** The part of a stored answer (the chat store's) that the page shows. */
export interface StoredAnswer {
  claim: string;
  result: CheckResult;
  /** ms epoch or ISO time it was answered. */
  createdAt: number | string;
}

export interface AnswerPageDeps {
  logger: Logger;
  moderation: ModerationService;
  findAnswer: (answerId: string) => StoredAnswer | undefined | Promise<StoredAnswer | undefined>;
  checker?: () => Pick<Checker, 'sourceContext'> | undefined;
  /** Base URL of the site; '' = the request's own origin. */
  publicUrl: string;
  siteName: string;
}

const ANSWER_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** GET /a/:answerId, the shareable, server-rendered answer page. */
export function createAnswerPageRouter(deps: AnswerPageDeps): Router {
  const router = Router();
  router.get('/a/:answerId', async (req, res) => {
    try {
      const answerId = String(req.params.answerId);
      if (!ANSWER_ID.test(answerId)) throw new AppError('ANSWER_NOT_FOUND');
      const stored = await deps.findAnswer(answerId);
      if (!stored) throw new AppError('ANSWER_NOT_FOUND');
      const site = deps.publicUrl || `${req.protocol}://${req.get('host')}`;
      const withContext = async (citations: Citation[]): Promise<PageCitation[]> => {
        const checker = deps.checker?.();
        return Promise.all(
          citations.map(async (c) => {
            const ctx = await checker
              ?.sourceContext(c.docId, c.start, c.end)
              .catch(() => undefined);
            return ctx ? { ...c, context: ctx.context } : c;
          }),
        );
      };
      const claim = deps.moderation.clusters.claimByAnswer(answerId);
      const curated = claim && deps.moderation.clusters.currentCurated().get(claim.clusterId);
      const r = stored.result;
      const html = renderAnswerPage({
        answerId,
        claim: stored.claim,
        verdict: machineVerdict(r),
        confidence: machineConfidence(r),
        answer: r.answer,
        citations: await withContext(r.citations),
        answeredAt: new Date(stored.createdAt).toISOString(),
        ...(curated
          ? {
              curated: {
                verdict: curated.verdict,
                answer: curated.answer,
                citations: await withContext(curated.citations),
                reviewer: curated.moderatorName,
                reviewedAt: new Date(curated.createdAt).toISOString(),
              },
            }
          : {}),
        url: `${site}/a/${answerId}`,
        siteUrl: site,
        siteName: deps.siteName,
      });
      res.type('html').set('Cache-Control', 'no-cache').send(html);
    } catch (err) {
      const { status, body } = toErrorBody(err);
      if (status >= 500) deps.logger.error({ err }, 'answer page failed');
      res.status(status).type('text/plain').send(`${body.error.code}: ${body.error.message}\n`);
    }
  });
  return router;
}

/** A stored curated answer keeps the machine's verdict in `reviewed.machine`. */
function machineVerdict(r: CheckResult): CheckResult['verdict'] {
  const reviewed = r.reviewed as { machine?: { verdict: CheckResult['verdict'] } } | undefined;
  return reviewed?.machine?.verdict ?? r.verdict;
}

function machineConfidence(r: CheckResult): number {
  const reviewed = r.reviewed as { machine?: { confidence: number } } | undefined;
  return reviewed?.machine?.confidence ?? r.confidence;
}
