import type { Logger } from '../logger.js';
import type { BotRepository, DeliveryKind, WebhookBot } from '../store/moderation-bots.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook-signature.js';

export interface DispatcherOptions {
  maxAttempts: number;
  /** First retry delay; it doubles with each further attempt. */
  retryBaseMs: number;
  /** Per-attempt request timeout. */
  timeoutMs?: number;
}

/**
 * Posts signed JSON to webhook bots, records every attempt, and retries failures (network errors,
 * 5xx, 408, 429) with exponential backoff. 4xx other than those are final: the receiver refused.
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

  /** Records and sends one message; resolves when it is delivered or has finally failed. */
  send(
    bot: WebhookBot,
    kind: DeliveryKind,
    answerId: string | null,
    message: unknown,
  ): Promise<boolean> {
    const body = JSON.stringify(message);
    const delivery = this.repo.createDelivery(bot.id, kind, answerId, body, Date.now());
    return this.attempt(bot, delivery.id, body, 1);
  }

  private async attempt(
    bot: WebhookBot,
    deliveryId: number,
    body: string,
    attempt: number,
  ): Promise<boolean> {
    const timestamp = Math.floor(Date.now() / 1000);
    let httpStatus: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(bot.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(bot.secret, timestamp, body),
          'x-factcheck-delivery': String(deliveryId),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      httpStatus = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        this.repo.recordAttempt(deliveryId, { status: 'delivered', httpStatus }, Date.now());
        return true;
      }
      error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const isRetryable =
      httpStatus === undefined || httpStatus >= 500 || httpStatus === 408 || httpStatus === 429;
    const isFinal = !isRetryable || attempt >= this.options.maxAttempts || this.isClosed;
    this.repo.recordAttempt(
      deliveryId,
      { status: isFinal ? 'failed' : 'pending', httpStatus, error },
      Date.now(),
    );
    if (isFinal) {
      this.logger.warn({ bot: bot.name, deliveryId, attempt, error }, 'webhook delivery failed');
      return false;
    }
    const delay = this.options.retryBaseMs * 2 ** (attempt - 1);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve(this.attempt(bot, deliveryId, body, attempt + 1));
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
