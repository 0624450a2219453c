import { fromZod, json, pathParam, refusals, type OpenApiFragment } from '../openapi-parts.js';
import { webhookAccepted, webhookClaimBody } from '../../bots/webhook-bots.js';
import { updateShape } from './telegram-webhook-route.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../bots/webhook-signature.js';

/** The generic webhook bots' claim route (createWebhookBotsRouter). */
export const webhookBotsOpenApi: OpenApiFragment = {
  paths: {
    '/bots/webhook/{name}/claims': {
      post: {
        summary:
          "A registered bot's claim: answered 202 at once; the answer (and any later correction) is POSTed, signed and with an Idempotency-Key, to the bot's callback URL. The same signed request is acted on once (409 WEBHOOK_REPLAYED after).",
        parameters: [
          pathParam('name', { type: 'string', description: 'The name given to `bots add`.' }),
          {
            name: TIMESTAMP_HEADER,
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description: 'Unix seconds; requests outside the replay window are refused.',
          },
          {
            name: SIGNATURE_HEADER,
            in: 'header',
            required: true,
            schema: { type: 'string' },
            description:
              "`sha256=<hex>`: HMAC-SHA256 with the bot's secret over `<timestamp>.<raw body>`, as our own deliveries are signed.",
          },
        ],
        requestBody: {
          required: true,
          ...json(fromZod(webhookClaimBody)),
        },
        responses: {
          '202': {
            description: 'Accepted; the answer follows at the callback URL.',
            ...json(fromZod(webhookAccepted)),
          },
          ...refusals(
            'NOT_FOUND',
            'UNAUTHENTICATED',
            'WEBHOOK_REPLAYED',
            'INVALID_JSON',
            'VALIDATION_FAILED',
            'CLAIM_EMPTY',
            'BODY_TOO_LARGE',
          ),
        },
      },
    },
  },
};

/** Telegram's webhook (TELEGRAM_MODE=webhook); the path's last segment is the secret. */
export const telegramWebhookOpenApi: OpenApiFragment = {
  paths: {
    '/bots/telegram/{secret}': {
      post: {
        summary: 'Updates from Telegram (webhook mode), for the grammY bot.',
        parameters: [
          pathParam('secret', { type: 'string', description: 'TELEGRAM_WEBHOOK_SECRET.' }),
          {
            name: 'X-Telegram-Bot-Api-Secret-Token',
            in: 'header',
            required: false,
            schema: { type: 'string' },
            description: 'Checked when TELEGRAM_WEBHOOK_SECRET is set.',
          },
        ],
        requestBody: {
          required: true,
          ...json(fromZod(updateShape)),
        },
        responses: {
          '200': { description: 'Handled.' },
          '401': { description: 'The secret token header is wrong (answered by grammY).' },
        },
      },
    },
  },
};
