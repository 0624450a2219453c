import { Bot, webhookCallback, type Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { RequestHandler } from 'express';
import { redisClaimOnce } from '../cluster/claim-once.js';
import { leaderLease, type LeaderLease } from '../cluster/leader-lease.js';
import type { RedisConnection } from '../cluster/redis-connection.js';
import type { Logger } from '../logger.js';
import { AppError, toAppError } from '../errors.js';
import type { BotRepository } from '../store/moderation-bots.js';
import type { Origin } from '../types.js';
import type { BotAnswer, BotAsk, BotAskImage } from './bot-ask.js';
import { claimPart, shortAnswer } from './short-answer.js';
import { groupAnswerLimiter, updatesOnce } from './telegram-nodes.js';
import {
  IMAGE_REFUSALS,
  NO_CLAIM_HINT,
  pictureOf,
  TEXT_ONLY_HINT,
  textOf,
  withoutPayload,
  type Asked,
} from './telegram-messages.js';

export interface TelegramBotDeps {
  token: string;
  /** Bot API root; tests point it at a local server speaking the protocol. */
  apiRoot: string;
  ask: BotAsk;
  /** True when the text matches a curated cluster above the automatic threshold. */
  matchesCurated: (text: string) => Promise<boolean>;
  repo: BotRepository;
  logger: Logger;
  maxClaimLength: number;
  answersPerMinute: number;
  /** Reads photos (screenshots of rumors); without it a photo gets the text-only hint. */
  askImage?: BotAskImage;
  /** The image cap (OCR_MAX_IMAGE_BYTES): no larger file is downloaded. */
  maxImageBytes?: number;
  /**
   * Redis shared by the nodes (REDIS_URL): one node polls at a time, an update delivered to
   * two nodes is answered once, and the per-group limit counts over every node.
   */
  redis?: RedisConnection;
}

/** How long a polling node leads unless it renews: another node takes over after this. */
const POLLING_LEASE_MS = 30_000;

/**
 * The Telegram bot: answers every claim in private chats; in groups it speaks only when
 * mentioned, replied to, asked with /check, or (auto-reply on) when a claim matches a reviewed
 * rumor. Built, not started: call `start()` for long polling or mount `webhook`.
 */
export function createTelegramBot(deps: TelegramBotDeps) {
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot } });
  const log = deps.logger.child({ part: 'telegram' });
  // The bot's numeric id opens its token (not the secret part): it names its shared state.
  const botId = deps.token.split(':')[0] ?? 'bot';
  const limiter = groupAnswerLimiter(deps.answersPerMinute, botId, deps.redis);
  const claim = deps.redis && redisClaimOnce(deps.redis);
  let lease: LeaderLease | undefined;

  // Telegram delivers an update again when its webhook call fails or times out, and behind a
  // load balancer the retry may reach another node: the first node to claim it answers it.
  if (claim) bot.use(updatesOnce(claim, botId, log));

  // Every handler runs inside this boundary: a failed update is logged and dropped, the same in
  // both modes. grammY's bot.catch covers long polling only; in webhook mode the error would
  // reach Express (a 500 makes Telegram deliver the update again and again), and after a
  // webhook timeout it would be an unhandled rejection.
  const handlers = bot.errorBoundary((err) =>
    log.error(
      { err: withoutPayload(err.error), update: err.ctx.update.update_id },
      'telegram update failed',
    ),
  );

  /** A message's picture when this bot reads pictures. */
  const photoAsked = (m: Message | undefined) => (deps.askImage ? pictureOf(m) : undefined);

  const isGroup = (ctx: Context) => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';

  /**
   * A file's bytes by Telegram's file path protocol (getFile, then GET
   * <apiRoot>/file/bot<token>/<file_path>), never more than the image cap.
   */
  async function download(fileId: string, knownSize: number | undefined): Promise<Buffer> {
    const max = deps.maxImageBytes ?? Infinity;
    const tooLarge = () =>
      new AppError('IMAGE_TOO_LARGE', `The image is larger than ${max} bytes.`);
    if (knownSize !== undefined && knownSize > max) throw tooLarge();
    const file = await bot.api.getFile(fileId);
    if ((file.file_size ?? 0) > max) throw tooLarge();
    if (!file.file_path) throw new Error('Telegram gave no file path');
    const res = await fetch(`${deps.apiRoot}/file/bot${deps.token}/${file.file_path}`);
    if (!res.ok || !res.body) throw new Error(`file download failed: HTTP ${res.status}`);
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = res.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.length;
      if (size > max) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(Buffer.from(part.value));
    }
    return Buffer.concat(chunks);
  }

  /** Checks a picture; one without text falls back to its caption. */
  async function askPicture(
    picture: Extract<Asked, { fileId: string }>,
    asker: Origin,
  ): Promise<BotAnswer> {
    const image = await download(picture.fileId, picture.fileSize);
    try {
      return await deps.askImage!(image, asker);
    } catch (err) {
      if (picture.caption && toAppError(err).code === 'OCR_NO_TEXT')
        return deps.ask(claimPart(picture.caption, deps.maxClaimLength).text, asker);
      throw err;
    }
  }

  async function answer(ctx: Context, asked: Asked, replyTo: Message): Promise<void> {
    if (!ctx.chat) return;
    try {
      await limiter.consume(String(ctx.chat.id));
    } catch {
      // Over the per-chat limit: stay quiet in groups, say why in private chats.
      if (!isGroup(ctx)) await ctx.reply('Too many claims at once; please wait a minute.');
      return;
    }
    const asker: Origin = { kind: 'telegram', chatId: ctx.chat.id, messageId: replyTo.message_id };
    try {
      let note = '';
      let answered: BotAnswer;
      if ('text' in asked) {
        const { text, isCut } = claimPart(asked.text, deps.maxClaimLength);
        if (isCut) note = '(Checked the first part of a long message.)\n';
        answered = await deps.ask(text, asker);
      } else {
        answered = await askPicture(asked, asker);
        const read = answered.result.ocr?.text;
        if (read)
          note = `Read from the image: "${read.length > 120 ? `${read.slice(0, 119)}…` : read}"\n`;
      }
      const { result, url } = answered;
      const reviewed = result.reviewed?.kind === 'curated';
      const reply = shortAnswer({ result, url, isReviewed: reviewed });
      await ctx.reply(`${note}${reply}`, {
        reply_parameters: { message_id: replyTo.message_id, allow_sending_without_reply: true },
        link_preview_options: { is_disabled: true },
      });
    } catch (err) {
      log.warn({ err, chatId: ctx.chat.id }, 'telegram answer failed');
      const { code, message } = toAppError(err);
      await ctx.reply(
        code === 'INDEX_NOT_READY'
          ? 'I am still loading my documents; try again in a minute.'
          : IMAGE_REFUSALS.has(code)
            ? `Sorry, I could not read that image: ${message}`
            : 'Sorry, I could not check that.',
        { reply_parameters: { message_id: replyTo.message_id, allow_sending_without_reply: true } },
      );
    }
  }

  handlers.command('start', (ctx) =>
    ctx.reply(
      'Send me a claim or a forwarded rumor and I will check it against trusted documents. In groups, mention me or use /check.',
    ),
  );

  handlers.command('check', async (ctx) => {
    const msg = ctx.msg;
    const own = ctx.match.trim();
    const target = own ? msg : msg.reply_to_message;
    const text = own || textOf(msg.reply_to_message);
    // "/check" in reply to a photo reads the photo.
    const picture = own ? undefined : photoAsked(msg.reply_to_message);
    if (target && picture) return answer(ctx, picture, target as Message);
    if (!target || text === '') {
      await ctx.reply(
        msg.reply_to_message
          ? 'That message has no text to check.'
          : 'Use /check <claim>, or reply /check to a message.',
        { reply_parameters: { message_id: msg.message_id, allow_sending_without_reply: true } },
      );
      return;
    }
    await answer(ctx, { text }, target as Message);
  });

  handlers.command('settings', async (ctx) => {
    if (!isGroup(ctx) || !ctx.from) {
      await ctx.reply('Settings apply to groups: in a private chat I answer every claim.');
      return;
    }
    const member = await ctx.getChatMember(ctx.from.id);
    if (member.status !== 'creator' && member.status !== 'administrator') {
      await ctx.reply('Only group admins can change my settings.');
      return;
    }
    const [key, value] = ctx.match.trim().toLowerCase().split(/\s+/);
    if (key === 'autoreply' && (value === 'on' || value === 'off')) {
      await deps.repo.setAutoReply(ctx.chat.id, value === 'on', Date.now());
    }
    const on = await deps.repo.isAutoReply(ctx.chat.id);
    await ctx.reply(
      `Auto-reply is ${on ? 'on' : 'off'}: ${on ? 'I answer claims that match a rumor a person has reviewed.' : 'I answer only when mentioned, replied to, or asked with /check.'}\nChange it with /settings autoreply on|off.`,
    );
  });

  handlers.on(['message', 'edited_message'], async (ctx) => {
    const msg = ctx.msg;
    const text = textOf(msg);
    const picture = photoAsked(msg);
    if (!isGroup(ctx)) {
      if (ctx.chat.type !== 'private') return;
      if (picture) return answer(ctx, picture, msg);
      if (text === '') {
        await ctx.reply(deps.askImage ? NO_CLAIM_HINT : TEXT_ONLY_HINT, {
          reply_parameters: { message_id: msg.message_id },
        });
        return;
      }
      await answer(ctx, { text }, msg);
      return;
    }
    const mention = `@${ctx.me.username}`.toLowerCase();
    const isMentioned = text.toLowerCase().includes(mention);
    const isReplyToMe = msg.reply_to_message?.from?.id === ctx.me.id;
    if (isMentioned || isReplyToMe) {
      const own = text.replace(new RegExp(`@${ctx.me.username}`, 'ig'), '').trim();
      // A photo that mentions the bot in its caption is read.
      if (picture) return answer(ctx, { ...picture, caption: own }, msg);
      // "@bot" alone in reply to a forward checks the forward (its text, or its photo).
      if (own === '' && msg.reply_to_message && !isReplyToMe) {
        const quotedPicture = photoAsked(msg.reply_to_message);
        if (quotedPicture) return answer(ctx, quotedPicture, msg.reply_to_message);
        const quoted = textOf(msg.reply_to_message);
        if (quoted) return answer(ctx, { text: quoted }, msg.reply_to_message);
      }
      if (own !== '') return answer(ctx, { text: own }, msg);
      return;
    }
    if (
      text !== '' &&
      (await deps.repo.isAutoReply(ctx.chat.id)) &&
      (await deps.matchesCurated(text))
    ) {
      await answer(ctx, { text }, msg);
    }
  });

  /** Starts long polling; resolves once it runs, rejects when it cannot start. */
  async function startPolling(): Promise<void> {
    try {
      await bot.init();
      await new Promise<void>((resolve, reject) => {
        bot.start({ onStart: () => resolve(), drop_pending_updates: false }).catch(reject);
      });
    } catch (err) {
      throw withoutPayload(err);
    }
  }

  return {
    /**
     * Long polling (TELEGRAM_MODE=polling); resolves once polling has started, rejects when it
     * cannot start. grammY deletes a registered webhook first, so switching modes just works.
     * With Redis, resolves at once: this node polls whenever it holds the polling lease.
     */
    async start(): Promise<void> {
      if (!deps.redis) return startPolling();
      // Many nodes: only the lease holder polls (a second poller gets 409 Conflict).
      lease ??= leaderLease(
        deps.redis,
        `telegram-polling:${botId}`,
        {
          ttlMs: POLLING_LEASE_MS,
          onLead: startPolling,
          onStepDown: async () => {
            if (bot.isRunning()) await bot.stop();
          },
        },
        log,
      );
    },
    /**
     * Webhook mode (TELEGRAM_MODE=webhook): asks Telegram to post updates to `url` with
     * `secretToken` in the X-Telegram-Bot-Api-Secret-Token header.
     */
    async setWebhook(url: string, secretToken: string): Promise<void> {
      try {
        await bot.api.setWebhook(url, { secret_token: secretToken });
      } catch (err) {
        throw withoutPayload(err);
      }
    },
    /**
     * Stops long polling. A webhook stays registered: Telegram keeps the updates and delivers
     * them once a server is back, and a stopping server must not unregister the webhook that
     * the next one (a restart, a rolling deploy) has just set.
     */
    async stop(): Promise<void> {
      await lease?.close();
      lease = undefined;
      if (bot.isRunning()) await bot.stop();
    },
    /** Whether this node polls now (always, once started, without Redis). */
    get isPolling(): boolean {
      return bot.isRunning();
    },
    /**
     * Express handler for webhook updates. The route in front of it checks the secret and
     * the body (server/moderate/telegram-webhook-route.ts).
     */
    webhook(): RequestHandler {
      // A claim can take longer than grammY's 10 s: answer Telegram 200 then and let the update
      // finish, instead of failing the request, which would make Telegram deliver it again.
      return webhookCallback(bot, 'express', { onTimeout: 'return' }) as RequestHandler;
    },
    /** Posts a correction into the chat where the claim was asked, replying to it. */
    async sendCorrection(
      correction: Parameters<typeof shortAnswer>[0]['result'] & { url: string },
      asker: Origin,
    ): Promise<void> {
      if (asker.kind !== 'telegram') return;
      await bot.api.sendMessage(
        asker.chatId,
        shortAnswer({
          result: correction,
          url: correction.url,
          isReviewed: true,
          heading: 'Update',
        }),
        {
          reply_parameters: { message_id: asker.messageId, allow_sending_without_reply: true },
          link_preview_options: { is_disabled: true },
        },
      );
    },
  };
}

export type TelegramBot = ReturnType<typeof createTelegramBot>;
