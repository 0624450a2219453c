import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError, toErrorBody } from '../errors.js';
import { imageFromBase64 } from '../ocr/index.js';
import type { Logger } from '../logger.js';
import { validate } from '../validate.js';
import type { Origin } from '../types.js';
import type { BotRepository, WebhookBot } from '../store/moderation-bots.js';
import type { BotAsk, BotAskImage } from './bot-ask.js';
import type { ClaimOnce } from '../cluster/claim-once.js';
import { ReplayGuard } from './replay-guard.js';
import type { WebhookDispatcher } from './webhook-dispatcher.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhook-signature.js';

/** A new webhook bot's shared secret (32 random bytes, hex). */
export const newWebhookSecret = (): string => randomBytes(32).toString('hex');

/** A webhook bot's claim; an empty text is refused downstream as CLAIM_EMPTY, so only described. */
export const webhookClaimBody = z
  .object({
    ref: z
      .string()
      .max(200)
      .meta({ description: "The platform's message id, echoed back." })
      .optional(),
    text: z
      .string()
      .meta({
        minLength: 1,
        description: 'The claim; beside an image, checked instead of its reading.',
      })
      .optional(),
    image: z
      .string()
      .meta({
        contentEncoding: 'base64',
        description:
          'A screenshot (PNG, JPEG or WebP) as base64 or a data: URL, at most OCR_MAX_IMAGE_BYTES; never a URL to fetch. The answer carries `ocr`.',
      })
      .optional(),
  })
  .refine((b) => b.text !== undefined || b.image !== undefined, 'text or image is required');

/** The 202 answer to a webhook claim: the answer itself follows at the callback URL. */
export const webhookAccepted = z.object({ accepted: z.literal(true), ref: z.string().optional() });

export interface WebhookBotsDeps {
  repo: BotRepository;
  dispatcher: WebhookDispatcher;
  ask: BotAsk;
  /** Reads screenshots sent as `image`; without it such claims are refused. */
  askImage?: BotAskImage;
  /** The image cap (OCR_MAX_IMAGE_BYTES); the body limit makes room for it in base64. */
  maxImageBytes?: number;
  logger: Logger;
  replayWindowSeconds: number;
  /** Claims shared by the nodes (Redis): a signed request is acted on once over all of them. */
  claim?: ClaimOnce;
}

/** A text claim's body limit (a claim, a ref and JSON framing). */
const TEXT_BODY_LIMIT_BYTES = 64 * 1024;

/**
 * Generic bots: a platform adapter POSTs a claim to /bots/webhook/<name>/claims, signed like
 * our deliveries; we answer 202 at once and POST the answer (and later corrections) to the
 * bot's callback URL. A signed request is acted on once: a replay within the window gets 409
 * WEBHOOK_REPLAYED.
 */
export function createWebhookBotsRouter(deps: WebhookBotsDeps): Router {
  const router = Router();
  const seen = new ReplayGuard(deps.replayWindowSeconds, Date.now, undefined, deps.claim);
  router.post(
    '/bots/webhook/:name/claims',
    express.text({
      type: '*/*',
      limit: TEXT_BODY_LIMIT_BYTES + Math.ceil(((deps.maxImageBytes ?? 0) * 4) / 3),
    }),
    // Refusals are thrown to the app's error handler.
    async (req: Request, res: Response) => {
      const bot = (await deps.repo.list()).find((b) => b.name === req.params.name);
      if (!bot) throw new AppError('NOT_FOUND', 'No webhook bot has that name.');
      const raw = typeof req.body === 'string' ? req.body : '';
      const check = verifyWebhook(
        bot.secret,
        { timestamp: req.get(TIMESTAMP_HEADER), signature: req.get(SIGNATURE_HEADER) },
        raw,
        deps.replayWindowSeconds,
      );
      if (!check.ok)
        throw new AppError('UNAUTHENTICATED', `The request signature is ${check.problem}.`);
      // Checked after the signature, so only the bot's own requests take room in the guard.
      const signature = String(req.get(SIGNATURE_HEADER));
      const isFirst = await seen
        .isFirstAnywhere(`${bot.id}:${signature}`, Number(req.get(TIMESTAMP_HEADER)))
        .catch((err: unknown) => {
          // This node refuses replays by itself; other nodes cannot be asked now.
          deps.logger.warn({ err, bot: bot.name }, 'replay not checked across nodes');
          return true;
        });
      if (!isFirst) throw new AppError('WEBHOOK_REPLAYED');
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        throw new AppError('INVALID_JSON');
      }
      const { text, image, ref } = validate(webhookClaimBody, json, 'claim');
      const asker: Origin = { kind: 'webhook', botId: bot.id, ...(ref ? { ref } : {}) };
      // Later refusals (too long, index loading, an unreadable image) go to the callback.
      let answered: ReturnType<BotAsk>;
      if (image !== undefined) {
        if (!deps.askImage) throw new AppError('IMAGE_UNSUPPORTED', 'This server reads no images.');
        // Not base64 (a URL, say) or over the cap: refused here, before the 202.
        answered = deps.askImage(
          imageFromBase64(image, deps.maxImageBytes ?? Infinity),
          asker,
          text,
        );
      } else {
        if (text === undefined || text.trim() === '') throw new AppError('CLAIM_EMPTY');
        answered = deps.ask(text, asker);
      }
      const accepted: z.infer<typeof webhookAccepted> = { accepted: true, ...(ref ? { ref } : {}) };
      res.status(202).json(accepted);
      answered
        .then(({ answerId, result, url }) =>
          deps.dispatcher.send(bot, 'answer', answerId, {
            type: 'answer',
            ref,
            answerId,
            url,
            ...result,
          }),
        )
        .catch((err: unknown) => {
          const { body } = toErrorBody(err);
          return deps.dispatcher.send(bot, 'answer', null, { type: 'error', ref, ...body });
        })
        .catch((err: unknown) => deps.logger.error({ err }, 'webhook answer failed'));
    },
  );
  return router;
}

/** Sends a correction to the webhook bot that asked. */
export function webhookCorrectionSink(repo: BotRepository, dispatcher: WebhookDispatcher) {
  return async (correction: { answerId: string }, asker: Origin): Promise<void> => {
    if (asker.kind !== 'webhook') return;
    const bot: WebhookBot | undefined = await repo.get(asker.botId);
    if (!bot) return;
    await dispatcher.send(bot, 'correction', correction.answerId, {
      ...correction,
      ref: asker.ref,
    });
  };
}
