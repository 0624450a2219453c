import type { Asker } from '../../store/moderation-clusters.js';
import { BotRepository } from '../../store/moderation-bots.js';
import { createTelegramBot, type TelegramBot } from '../../bots/telegram-bot.js';
import type { BotAsk } from '../../bots/bot-ask.js';
import { WebhookDispatcher } from '../../bots/webhook-dispatcher.js';
import { createWebhookBotsRouter, webhookCorrectionSink } from '../../bots/webhook-bots.js';
import { telegramWebhookOpenApi, webhookBotsOpenApi } from '../../bots/bots-openapi.js';
import { conversationRoom, type AnswerUpdatedEvent } from '../events.js';
import type { ServerPlugin } from '../plugin.js';
import type { ChatStore } from '../../store/chat-store.js';
import type { FeedbackItem } from './routes.js';
import { createDocumentsRouter, type DocumentsDeps } from './documents-routes.js';
import { createEmbedder } from '../../embed/index.js';
import { ingestKnowledge } from '../../index/ingest-knowledge.js';
import { askerOf, originOf } from './asker.js';
import type { Correction } from './corrections.js';
import { createModerationModule, type ModerationModule } from './moderation-module.js';
import { moderationOpenApi } from './moderation-openapi.js';
import { telegramWebhookRoute, telegramWebhookUrl } from './telegram-webhook-route.js';

/** Votes looked back on for the feedback queue. */
const FEEDBACK_DAYS = 30;

/** Not-helpful votes of the last days with their answers, newest first. */
function feedbackQueue(store: ChatStore, limit: number): FeedbackItem[] {
  const since = Date.now() - FEEDBACK_DAYS * 86_400_000;
  const items: FeedbackItem[] = [];
  for (const vote of store.answers.votesSince(since, 10_000).reverse()) {
    if (vote.helpful) continue;
    const answer = store.answers.get(vote.answerId);
    if (!answer) continue;
    items.push({
      answerId: vote.answerId,
      claim: answer.claim,
      verdict: answer.verdict,
      reason: vote.reason,
      votedAt: vote.createdAt,
      votes: store.answers.votes(vote.answerId),
    });
    if (items.length >= limit) break;
  }
  return items;
}

/** What the plugin built, for tests and the benchmark (the telegram bot may be absent). */
export interface ModerationHandle {
  module: ModerationModule;
  telegram?: TelegramBot;
  ask: BotAsk;
}

/**
 * Moderation as a server plugin: the moderation API and /moderate namespace, answer pages,
 * the answer hooks (curated answers in, every answer clustered and fed to the console),
 * corrections to widgets (online now, offline on their next visit), Telegram and webhook bots.
 */
export interface ModerationPluginOptions {
  /** Called with what was built (tests and the benchmark reach in through it). */
  onBuilt?: (handle: ModerationHandle) => void;
  /** The built client holding console.js; defaults to client/dist. */
  clientDir?: string;
  /** Document ingest; defaults to the index's incremental ingest with a fresh encoder. */
  ingest?: DocumentsDeps['ingest'];
}

export function moderationPlugin(options: ModerationPluginOptions = {}): ServerPlugin {
  return (ctx) => {
    const { config, logger, store, gate, io } = ctx;
    const module = createModerationModule({
      db: store.db,
      config,
      logger,
      checker: () => (gate.isReady ? gate.current() : undefined),
      findAnswer: (id) => store.answers.get(id),
      clientDir: options.clientDir,
      feedbackQueue: (limit) => feedbackQueue(store, limit),
      votes: (answerId) => store.answers.votes(answerId),
    });
    module.mount(ctx.app);
    ctx.app.use(
      createDocumentsRouter({
        knowledgeDir: config.KNOWLEDGE_DIR,
        maxBytes: config.MOD_UPLOAD_MAX_BYTES,
        accounts: module.accounts,
        moderation: module.moderation,
        logger,
        ingest:
          options.ingest ??
          (async (paths, onProgress) => {
            // A second encoder for the admin's ingest; the checker keeps serving meanwhile.
            const embedder = await createEmbedder(config, logger);
            try {
              return await ingestKnowledge(config, logger, { paths, embedder, onProgress });
            } finally {
              await embedder.dispose();
            }
          }),
        ...(gate.canReload ? { reload: () => gate.reload() } : {}),
      }),
    );
    module.attach(io);
    ctx.openApi.add(moderationOpenApi);
    const { moderation } = module;

    ctx.answers.use({
      screen: (claim, result) => moderation.screen(claim, result),
      observe: async (stored, origin) => {
        await moderation.record({
          answerId: stored.answerId,
          text: stored.claim,
          result: stored.result,
          channel: origin.channel,
          asker: askerOf(origin),
        });
      },
      voted: ({ answerId, votes, helpful }) =>
        moderation.emit('feed:votes', { answerId, votes, helpful }),
    });

    const chat = io.of('/chat');
    const toUpdate = (c: Correction, conversationId: string): AnswerUpdatedEvent => ({
      ...c,
      conversationId,
    });
    moderation.setSink('widget', async (correction, asker) => {
      if (asker.kind !== 'widget') return;
      const room = conversationRoom(asker.conversationId);
      const online = await chat.in(room).fetchSockets();
      if (online.length > 0)
        chat.to(room).emit('answer:updated', toUpdate(correction, asker.conversationId));
      else moderation.clusters.addPendingCorrection(asker.conversationId, correction, Date.now());
    });
    ctx.chat.onJoin((conversationId, socket) => {
      for (const pending of moderation.clusters.takePendingCorrections(
        conversationId,
        Date.now(),
      )) {
        socket.emit('answer:updated', toUpdate(pending as Correction, conversationId));
      }
    });

    const ask: BotAsk = async (text, asker: Asker) => {
      const stored = await ctx.answers.answer({ claim: text, origin: originOf(asker) });
      return {
        answerId: stored.answerId,
        result: stored.result,
        url: moderation.answerUrl(stored.answerId),
      };
    };

    const bots = new BotRepository(store.db);
    const dispatcher = new WebhookDispatcher(bots, logger.child({ part: 'webhooks' }), {
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    });
    ctx.app.use(
      createWebhookBotsRouter({
        repo: bots,
        dispatcher,
        ask,
        logger,
        replayWindowSeconds: config.WEBHOOK_REPLAY_WINDOW_S,
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
        matchesCurated: (text) => moderation.matchesCurated(text),
        repo: bots,
        logger,
        maxClaimLength: config.MAX_CLAIM_LENGTH,
        answersPerMinute: config.BOT_GROUP_ANSWERS_PER_MINUTE,
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
            : bot.setWebhook(telegramWebhookUrl(module.publicUrl, secret), secret);
        started.catch((err: unknown) => logger.error({ err }, 'telegram bot did not start'));
      });
    }

    options.onBuilt?.({ module, telegram, ask });
    return async () => {
      dispatcher.close();
      await telegram?.stop();
    };
  };
}
