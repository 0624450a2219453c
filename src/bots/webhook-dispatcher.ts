import { createHash, randomUUID } from 'node:crypto';
import type { ClaimOnce } from '../cluster/claim-once.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BotRepository, DeliveryKind, WebhookBot } from '../store/moderation-bots.js';
import { resolveCallback } from './callback-address.js';
import { pinnedPost } from './pinned-post.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';

/** Sent with every attempt of one delivery, the same each time, so a receiver acts on it once. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface DispatcherOptions {
  maxAttempts: number;
  /** First retry delay; it doubles with each further attempt. */
  retryBaseMs: number;
  /** Per-attempt request timeout. */
  timeoutMs?: number;
  /** Whether callbacks may reach loopback, private and link-local addresses (WEBHOOK_ALLOW_PRIVATE). */
  allowPrivateAddresses?: boolean;
  /** Claims shared by the nodes (Redis): one message to one bot is sent by one node only. */
  claim?: ClaimOnce;
}

/** How long a sent message is remembered across nodes: longer than every retry of it takes. */
const SENT_REMEMBERED_MS = 24 * 3_600_000;

/** One message on its way to a bot. */
interface Delivery {
  bot: WebhookBot;
  id: number;
  idempotencyKey: string;
  body: string;
}

/**
 * Posts signed JSON to webhook bots, records every attempt, and retries failures (network errors,
 * 5xx, 408, 429) with exponential backoff. Other answers are final: 4xx (the receiver refused),
 * and 3xx (redirects are never followed: they would carry the signed body somewhere else). The
 * callback host is resolved and checked before each attempt, and the request goes to the address
 * checked; a host on a private address fails the delivery unless allowed.
 */
export class WebhookDispatcher {
  /** Scheduled retries and how to settle their callers if the dispatcher closes first. */
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private isClosed = false;

  constructor(
    private readonly repo: BotRepository,
    private readonly logger: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  /**
   * Records and sends one message; resolves when it is delivered or has finally failed. With
   * shared claims, a message about an answer that another node has sent already (the same bot,
   * kind and body) is neither recorded nor sent again here: resolves true.
   */
  async send(
    bot: WebhookBot,
    kind: DeliveryKind,
    answerId: string | null,
    message: unknown,
  ): Promise<boolean> {
    const body = JSON.stringify(message);
    if (answerId !== null && !(await this.isOurs(bot, kind, body))) return true;
    const { id } = await this.repo.createDelivery(bot.id, kind, answerId, body, Date.now());
    return this.attempt({ bot, id, idempotencyKey: randomUUID(), body }, 1);
  }

  /** Whether this node claims the message (always, without shared claims or with Redis gone). */
  private async isOurs(bot: WebhookBot, kind: DeliveryKind, body: string): Promise<boolean> {
    if (!this.options.claim) return true;
    const digest = createHash('sha256').update(body).digest('hex');
    try {
      return await this.options.claim(`webhook:${bot.id}:${kind}:${digest}`, SENT_REMEMBERED_MS);
    } catch (err) {
      // Sending twice beats losing the message: with Redis gone, this node sends it.
      this.logger.warn({ err, bot: bot.name }, 'delivery not claimed across nodes; sending');
      return true;
    }
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<boolean> {
    const { bot, id, body } = delivery;
    const timestamp = Math.floor(Date.now() / 1000);
    let httpStatus: number | undefined;
    let error: string;
    let isRetryable = true;
    try {
      const url = new URL(bot.url);
      httpStatus = await pinnedPost({
        url,
        to: await resolveCallback(url, this.options.allowPrivateAddresses ?? false),
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(bot.secret, timestamp, body),
          [IDEMPOTENCY_HEADER]: delivery.idempotencyKey,
          'x-factcheck-delivery': String(id),
        },
        body,
        timeoutMs: this.options.timeoutMs ?? 10_000,
      });
      if (httpStatus >= 200 && httpStatus < 300) {
        await this.repo.recordAttempt(id, { status: 'delivered', httpStatus }, Date.now());
        return true;
      }
      const isRedirect = httpStatus >= 300 && httpStatus < 400;
      error = isRedirect ? `HTTP ${httpStatus}: redirects are not followed` : `HTTP ${httpStatus}`;
      isRetryable = httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      // A refused address stays refused; a network error may pass.
      isRetryable = !(err instanceof AppError);
    }
    const isFinal = !isRetryable || attempt >= this.options.maxAttempts || this.isClosed;
    await this.repo.recordAttempt(
      id,
      { status: isFinal ? 'failed' : 'pending', httpStatus, error },
      Date.now(),
    );
    if (isFinal) {
      this.logger.warn(
        { bot: bot.name, deliveryId: id, attempt, error },
        'webhook delivery failed',
      );
      return false;
    }
    const delay = this.options.retryBaseMs * 2 ** (attempt - 1);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(this.attempt(delivery, attempt + 1));
      }, delay);
      timer.unref();
      this.timers.set(timer, () => resolve(false));
    });
  }

  /** Cancels scheduled retries (they stay recorded as pending); their callers get false. */
  close(): void {
    this.isClosed = true;
    for (const [timer, settle] of this.timers) {
      clearTimeout(timer);
      settle();
    }
    this.timers.clear();
  }
}
