import type { Express } from 'express';
import { AppError } from '../../../errors.js';
import type { CheckResult, Citation } from '../../../types.js';
import { renderAnswerPage, type PageCitation } from '../answer-page-html.js';
import type { HttpDeps } from '../http-deps.js';
import { answerPageIdParam } from '../schemas.js';

const SITE_NAME = 'Factcheck';

/**
 * GET /a/:answerId, the shareable, server-rendered answer page: the machine's answer and, once
 * a moderator reviewed the rumor, the reviewed one. Public: it works with moderation off.
 */
export function answerPageRoutes(app: Express, { config, gate, store }: HttpDeps): void {
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');

  /** Citations with their surrounding paragraph, when the index is loaded and has the source. */
  const withContext = (citations: Citation[]): Promise<PageCitation[]> =>
    Promise.all(
      citations.map(async (c) => {
        const ctx = gate.isReady
          ? await gate
              .current()
              .sourceContext(c.docId, c.start, c.end)
              .catch(() => undefined)
          : undefined;
        return ctx ? { ...c, context: ctx.context } : c;
      }),
    );

  app.get('/a/:answerId', async (req, res) => {
    const answerId = String(req.params.answerId);
    if (!answerPageIdParam.safeParse(answerId).success) throw new AppError('ANSWER_NOT_FOUND');
    const stored = await store.answers.get(answerId);
    if (!stored) throw new AppError('ANSWER_NOT_FOUND');
    const curated = await store.curated.forAnswer(answerId);
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
      // Without PUBLIC_URL the links stay relative: the Host header is the client's to set, and
      // reflecting it would let a shared cache keep a page that points at another site.
      url: `${publicUrl}/a/${answerId}`,
      siteUrl: publicUrl || '/',
      siteName: SITE_NAME,
    });
    res.type('html').set('Cache-Control', 'no-cache').send(html);
  });
}

/** A stored curated answer keeps the machine's verdict in `reviewed.machine`. */
const machineVerdict = (r: CheckResult) => r.reviewed?.machine?.verdict ?? r.verdict;
const machineConfidence = (r: CheckResult) => r.reviewed?.machine?.confidence ?? r.confidence;
