import path from 'node:path';
import type { BotAnswer, BotAsk, BotAskImage } from '../../bots/bot-ask.js';
import { telegramWebhookOpenApi, webhookBotsOpenApi } from './bots-openapi.js';
import { createTelegramBot, type TelegramBot } from '../../bots/telegram-bot.js';
import { createWebhookBotsRouter, webhookCorrectionSink } from '../../bots/webhook-bots.js';
import { WebhookDispatcher } from '../../bots/webhook-dispatcher.js';
import { redisClaimOnce } from '../../cluster/claim-once.js';
import { PROJECT_ROOT } from '../../config/config.js';
import { feedbackQueue } from '../../moderation/feedback-queue.js';
import type { ModerateServerEvents } from '../../moderation/events.js';
import { createModeration, type Moderation } from '../../moderation/moderation.js';
import type { StoredAnswer } from '../../store/store.js';
import { conversationRoom } from '../events.js';
import type { ServerPlugin } from '../plugin.js';
import { consoleRoutes } from './console-routes.js';
import { createDocumentsRouter } from './documents-routes.js';
import { moderationOpenApi } from './moderation-openapi.js';
import { attachModerateNamespace } from './namespace.js';
import { moderationRouter } from './routes.js';
import { telegramWebhookRoute, telegramWebhookUrl } from './telegram-webhook-route.js';

/** What the plugin built, for tests and the benchmark (the telegram bot may be absent). */
export interface ModerationHandle {
  module: Moderation;
  telegram?: TelegramBot;
  ask: BotAsk;
}

export interface ModerationPluginOptions {
  /** Called with what was built (tests and the benchmark reach in through it). */
  onBuilt?: (handle: ModerationHandle) => void;
  /** The built client holding console.js; defaults to client/dist. */
  clientDir?: string;
}

/**
 * Moderation's routes on the app: the moderation API and /moderate namespace over the domain
 * (src/moderation), the answer hooks (curated answers in, every answer clustered and fed to the
 * console), corrections to widgets (online now, offline on their next visit), Telegram and
 * webhook bots. Bodies are parsed, and errors answered, by the app (src/server/app.ts).
 */
export function moderationPlugin(options: ModerationPluginOptions = {}): ServerPlugin {
  return (ctx) => {
    const { config, logger, store, gate, io } = ctx;
    const { claimImages } = store;
    const domain = createModeration({
      store,
      ...(config.KEEP_IMAGES
        ? { hasImage: async (answerId) => (await claimImages.get(answerId)) !== undefined }
        : {}),
      config,
      logger,
      checker: () => (gate.isReady ? gate.current() : undefined),
      votes: (answerId) => store.answers.votes(answerId),
      ...(ctx.redis ? { redis: ctx.redis } : {}),
    });
    const { moderation } = domain;
    ctx.app.use(
      '/api/v1/moderate',
      moderationRouter({
        config,
        domain,
        checker: () => (gate.isReady ? gate.current() : undefined),
        findAnswer: (id) => store.answers.get(id),
        feedbackQueue: (limit) => feedbackQueue(store, limit),
        claimImages,
      }),
    );
    ctx.app.use(consoleRoutes(options.clientDir ?? path.join(PROJECT_ROOT, 'client', 'dist')));
    ctx.app.use(
      createDocumentsRouter({
        knowledgeDir: config.KNOWLEDGE_DIR,
        maxBytes: config.MOD_UPLOAD_MAX_BYTES,
        accounts: domain.accounts,
        moderation,
        jobs: ctx.ingest,
      }),
    );
    ctx.ingest.onProgress((event) => moderation.emit('ingest:progress', event));
    attachModerateNamespace(io, domain, config.MOD_SOCKET_RECHECK_S * 1000);
    ctx.openApi.add(moderationOpenApi);

    ctx.answers.use({
      screen: (claim, result) => moderation.screen(claim, result),
      stored: (stored, origin, tx) => moderation.queueAnswer(stored.answerId, origin, tx.clusters),
      observe: async (stored, origin, trace) => {
        await moderation.record({
          answerId: stored.answerId,
          text: stored.claim,
          result: stored.result,
          channel: origin.kind,
          asker: origin,
          ...(trace ? { trace } : {}),
        });
      },
      voted: ({ answerId, votes, helpful }) =>
        moderation.emit('feed:votes', { answerId, votes, helpful }),
    });

    // A reviewed answer changes what a claim is answered with: no cached check outlives one.
    moderation.subscribe((event, ...args) => {
      const [entry] = args as Parameters<ModerateServerEvents['audit']>;
      if (event === 'audit' && entry.action.startsWith('curated.')) ctx.answers.invalidateCache();
    });

    const { nsp: chat } = ctx.chat;
    moderation.setSink('widget', async (correction, asker) => {
      if (asker.kind !== 'widget') return;
      const { conversationId } = asker;
      const room = conversationRoom(conversationId);
      const online = await chat.in(room).fetchSockets();
      if (online.length > 0)
        chat.to(room).emit('answer:updated', { ...correction, conversationId });
      else await moderation.pendingCorrections.add(conversationId, correction, Date.now());
    });
    ctx.chat.onJoin((conversationId, socket) => {
      moderation.pendingCorrections.take(conversationId, Date.now()).then(
        (pending) => {
          for (const p of pending) socket.emit('answer:updated', { ...p, conversationId });
        },
        (err: unknown) => logger.error({ err, conversationId }, 'pending corrections not read'),
      );
    });

    const botAnswer = (stored: StoredAnswer): BotAnswer => ({
      answerId: stored.answerId,
      result: stored.result,
      url: moderation.answerUrl(stored.answerId),
    });
    const ask: BotAsk = async (text, origin) =>
      botAnswer(await ctx.answers.answer({ claim: text, origin }));
    const askImage: BotAskImage = async (image, origin, claim) =>
      botAnswer(
        (await ctx.imageClaims.answer({ image, origin, ...(claim !== undefined ? { claim } : {}) }))
          .stored,
      );

    const { bots } = store;
    // Many nodes: a delivery, and a signed request, are acted on by one node only.
    const claim = ctx.redis && redisClaimOnce(ctx.redis);
    const dispatcher = new WebhookDispatcher(bots, logger.child({ part: 'webhooks' }), {
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
      allowPrivateAddresses: config.WEBHOOK_ALLOW_PRIVATE,
      ...(claim ? { claim } : {}),
    });
    ctx.app.use(
      createWebhookBotsRouter({
        repo: bots,
        dispatcher,
        ask,
        askImage,
        maxImageBytes: config.OCR_MAX_IMAGE_BYTES,
        logger,
        replayWindowSeconds: config.WEBHOOK_REPLAY_WINDOW_S,
        ...(claim ? { claim } : {}),
      }),
    );
    ctx.openApi.add(webhookBotsOpenApi);
    moderation.setSink('webhook', webhookCorrectionSink(bots, dispatcher));

    let telegram: TelegramBot | undefined;
    if (config.TELEGRAM_BOT_TOKEN && config.TELEGRAM_MODE !== 'off') {
      telegram = createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        ask,
        askImage,
        maxImageBytes: config.OCR_MAX_IMAGE_BYTES,
        matchesCurated: (text) => moderation.matchesCurated(text),
        repo: bots,
        logger,
        maxClaimLength: config.MAX_CLAIM_LENGTH,
        answersPerMinute: config.BOT_GROUP_ANSWERS_PER_MINUTE,
        ...(ctx.redis ? { redis: ctx.redis } : {}),
      });
      const bot = telegram;
      moderation.setSink('telegram', (correction, asker) => bot.sendCorrection(correction, asker));
      // The config refuses webhook mode without a secret.
      const secret = config.TELEGRAM_WEBHOOK_SECRET;
      if (config.TELEGRAM_MODE === 'webhook') {
        ctx.app.use(
          telegramWebhookRoute({
            secret,
            handler: bot.webhook(),
            isClosing: () => ctx.answers.isClosing,
          }),
        );
        ctx.openApi.add(telegramWebhookOpenApi);
      }
      // Factories do not start things: polling (or registering the webhook) waits for listen().
      io.httpServer?.once('listening', () => {
        const started =
          config.TELEGRAM_MODE === 'polling'
            ? bot.start()
            : bot.setWebhook(telegramWebhookUrl(domain.publicUrl, secret), secret);
        started.catch((err: unknown) => logger.error({ err }, 'telegram bot did not start'));
      });
    }

    // Answers stored but not clustered by a process that died (the outbox) join the feed once
    // the checker (whose encoder clustering uses) is loaded.
    let isClosed = false;
    io.httpServer?.once('listening', () => {
      gate
        .whenReady()
        .then(async () => {
          if (isClosed) return;
          const recorded = await moderation.recordQueued((id) => store.answers.get(id));
          if (recorded > 0) logger.info({ recorded }, 'clustered answers a stopped process left');
        })
        .catch((err: unknown) => logger.error({ err }, 'stored answers were not clustered'));
    });

    options.onBuilt?.({ module: domain, telegram, ask });
    return async () => {
      isClosed = true;
      dispatcher.close();
      await telegram?.stop();
      await domain.close();
    };
  };
}
