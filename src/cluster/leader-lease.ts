import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import { DELETE_IF_OWNED, RENEW_IF_OWNED } from './owned-key.js';
import type { RedisConnection } from './redis-connection.js';

export interface LeaderLeaseOptions {
  /** How long a lease lasts unless renewed: a leader that dies is replaced after this. */
  ttlMs: number;
  /** Called when this node becomes the leader; resolves once the work has started. */
  onLead: () => Promise<void>;
  /** Called when this node stops leading (lease lost, or closing); stops the work. */
  onStepDown: () => Promise<void>;
}

export interface LeaderLease {
  readonly isLeader: boolean;
  /** Steps down (releasing the lease for another node at once) and stops trying. */
  close(): Promise<void>;
}

/**
 * Work that one node of many must do alone (Telegram long polling: two pollers would each get
 * updates, or 409 Conflict from Telegram). Every node tries for the lease (`SET NX PX`) every
 * third of its lifetime; the holder renews it as often, and steps down when a renewal fails
 * (Redis gone, or the lease taken after it ran out), so at most one node leads at a time.
 */
export function leaderLease(
  redis: RedisConnection,
  name: string,
  options: LeaderLeaseOptions,
  logger: Logger,
): LeaderLease {
  const key = `${redis.prefix}lease:${name}`;
  const me = randomUUID();
  const log = logger.child({ part: 'lease', lease: name });
  let isLeader = false;
  let isClosed = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function stepDown(reason: string): Promise<void> {
    if (!isLeader) return;
    isLeader = false;
    log.info({ reason }, 'stepping down');
    await options.onStepDown().catch((err: unknown) => log.error({ err }, 'step-down failed'));
  }

  async function tick(): Promise<void> {
    try {
      if (isLeader) {
        const renewed = await redis.client.eval(RENEW_IF_OWNED, 1, key, me, options.ttlMs);
        if (Number(renewed) !== 1) await stepDown('lease lost');
      } else {
        const taken = await redis.client.set(key, me, 'PX', options.ttlMs, 'NX');
        if (taken === 'OK' && !isClosed) {
          isLeader = true;
          log.info('leading');
          await options.onLead().catch(async (err: unknown) => {
            // Let another node (or this one, next time) try instead of holding an idle lease.
            log.error({ err }, 'could not start leading; releasing the lease');
            isLeader = false;
            await redis.client.eval(DELETE_IF_OWNED, 1, key, me);
          });
        }
      }
    } catch (err) {
      // Unsure whether the lease still holds: stop rather than risk two leaders.
      log.warn({ err }, 'lease not checked');
      await stepDown('redis unreachable');
    }
  }

  const schedule = () => {
    if (isClosed) return;
    timer = setTimeout(
      () => {
        running = tick().finally(schedule);
      },
      Math.max(100, options.ttlMs / 3),
    );
    timer.unref();
  };
  running = tick().finally(schedule);

  return {
    get isLeader() {
      return isLeader;
    },
    async close() {
      isClosed = true;
      clearTimeout(timer);
      await running;
      const wasLeader = isLeader;
      await stepDown('closing');
      if (wasLeader) await redis.client.eval(DELETE_IF_OWNED, 1, key, me).catch(() => undefined);
    },
  };
}
