import { randomUUID } from 'node:crypto';
import { DELETE_IF_OWNED, RENEW_IF_OWNED } from './owned-key.js';
import type { RedisConnection } from './redis-connection.js';

/** A lock lives this long unless renewed: a holder that dies frees it within this. */
const LOCK_TTL_MS = 60_000;
/** How often a waiting node tries for the lock again. */
const RETRY_MS = 500;

/**
 * Runs `work` while no other node runs work under the same `name` (the index on the shared
 * data folder: two nodes ingesting into it at once would corrupt it). The lock is renewed
 * while the work runs, so long work (a first index build) keeps it; `signal` stops waiting.
 */
export async function runExclusive<T>(
  redis: RedisConnection,
  name: string,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const key = `${redis.prefix}lock:${name}`;
  const me = randomUUID();
  while ((await redis.client.set(key, me, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') {
    signal?.throwIfAborted();
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  const renewal = setInterval(() => {
    redis.client.eval(RENEW_IF_OWNED, 1, key, me, LOCK_TTL_MS).catch(() => undefined);
  }, LOCK_TTL_MS / 3);
  renewal.unref();
  try {
    return await work();
  } finally {
    clearInterval(renewal);
    await redis.client.eval(DELETE_IF_OWNED, 1, key, me).catch(() => undefined);
  }
}
