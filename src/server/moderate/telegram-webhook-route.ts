import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { jsonBody } from '../http/json-body.js';

/**
 * The largest update we take. Telegram caps a message at 4096 characters; an update with a
 * message, the message it replies to and their entities stays far below this.
 */
const UPDATE_LIMIT_BYTES = 256 * 1024;

/** The header in which Telegram sends back the secret_token given to setWebhook. */
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Enough of an update to hand it to the bot; grammY reads the rest. */
export const updateShape = z
  .object({ update_id: z.number().int().nonnegative() })
  .meta({ description: 'A Telegram Update (https://core.telegram.org/bots/api#update).' });

/** The URL Telegram is asked to post updates to. */
export const telegramWebhookUrl = (publicUrl: string, secret: string): string =>
  `${publicUrl}/bots/telegram/${secret}`;

/** Constant-time comparison of strings of any length (hashing first evens the lengths). */
function isSameSecret(given: unknown, secret: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return typeof given === 'string' && timingSafeEqual(digest(given), digest(secret));
}

export interface TelegramWebhookDeps {
  secret: string;
  /** The bot's update handler. */
  handler: RequestHandler;
  /** True once the server is shutting down. */
  isClosing: () => boolean;
}

/**
 * POST /bots/telegram/:secret, where Telegram posts updates in webhook mode. The secret must
 * be both in the path and in Telegram's header; anything else is refused with a coded 401
 * before the body is read. The path is declared with a parameter so that the secret never
 * appears as a route in metrics or logs. Bodies that are not JSON updates get coded 4xx.
 */
export function telegramWebhookRoute(deps: TelegramWebhookDeps): Router {
  const router = Router();
  const checkSecret: RequestHandler = (req, _res, next) => {
    const isTelegram =
      isSameSecret(req.params.secret, deps.secret) &&
      isSameSecret(req.get(SECRET_HEADER), deps.secret);
    next(
      isTelegram
        ? undefined
        : new AppError('UNAUTHENTICATED', 'The webhook secret token is missing or wrong.'),
    );
  };
  // Telegram delivers a refused update again later: to the next server, not into a "sorry".
  const refuseWhenClosing: RequestHandler = (_req, _res, next) =>
    next(deps.isClosing() ? new AppError('SHUTTING_DOWN') : undefined);
  const requireUpdate: RequestHandler = (req, _res, next) =>
    next(
      updateShape.safeParse(req.body).success
        ? undefined
        : new AppError('VALIDATION_FAILED', 'The body is not a Telegram update.'),
    );
  router.post(
    '/bots/telegram/:secret',
    checkSecret,
    refuseWhenClosing,
    ...jsonBody(UPDATE_LIMIT_BYTES),
    requireUpdate,
    deps.handler,
  );
  return router;
}
