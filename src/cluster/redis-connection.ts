import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';

/** The Redis connections of one node: one for commands, more for blocking reads and pub/sub. */
export interface RedisConnection {
  /** Commands (rate limits, claims, leases, publishing). */
  readonly client: Redis;
  /** Prefix of every key and channel of this service (REDIS_KEY_PREFIX). */
  readonly prefix: string;
  /** A further connection with the same settings (a subscriber needs its own), closed with this. */
  duplicate(): Redis;
  /** Closes every connection opened here, duplicates included. */
  close(): Promise<void>;
}

/** Longest pause between reconnection attempts: a Redis back after a restart is found soon. */
const MAX_RECONNECT_DELAY_MS = 5_000;
/**
 * Reconnections a command waits through before it fails: a node with Redis gone answers with
 * an error (or its in-memory fallback) within seconds instead of holding requests forever.
 */
const RETRIES_PER_COMMAND = 2;

/** The URL without its password, for logs. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparsable)';
  }
}

/**
 * Opens the connection to REDIS_URL (it connects in the background; commands queue until it
 * is ready). It reconnects for ever with a bounded backoff, while each command gives up after
 * a few reconnections; an outage is logged once when it starts and once when it ends.
 */
export function openRedis(
  config: Pick<Config, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>,
  logger: Logger,
): RedisConnection {
  const log = logger.child({ part: 'redis', redis: redactedUrl(config.REDIS_URL) });
  const options: RedisOptions = {
    maxRetriesPerRequest: RETRIES_PER_COMMAND,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 10), MAX_RECONNECT_DELAY_MS),
  };
  const opened = new Set<Redis>();
  let isClosing = false;

  const watch = (client: Redis, role: string): Redis => {
    opened.add(client);
    let isDown = false;
    client.on('error', (err: Error) => {
      if (isDown || isClosing) return;
      isDown = true;
      log.error({ err, role }, 'redis unreachable; reconnecting');
    });
    client.on('ready', () => {
      if (!isDown) return;
      isDown = false;
      log.info({ role }, 'redis reachable again');
    });
    client.once('end', () => opened.delete(client));
    return client;
  };

  const client = watch(new Redis(config.REDIS_URL, options), 'commands');
  // Socket.IO's adapter duplicates the client for its stream reader and subscriber: count
  // those as ours so that they close with the node.
  const duplicateOf = client.duplicate.bind(client);
  const duplicate = (override?: Partial<RedisOptions>): Redis =>
    watch(duplicateOf(override), 'duplicate');
  client.duplicate = duplicate;

  return {
    client,
    prefix: config.REDIS_KEY_PREFIX,
    duplicate: () => duplicate(),
    async close() {
      isClosing = true;
      const ended = [...opened].map(
        (c) =>
          new Promise<void>((resolve) => (c.status === 'end' ? resolve() : c.once('end', resolve))),
      );
      // Duplicates may sit in a blocking read (a QUIT would wait for it): they just disconnect.
      for (const c of opened) if (c !== client) c.disconnect();
      // QUIT lets the replies of commands sent first arrive; a connection that is down cannot.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
      await Promise.all(ended);
      opened.clear();
    },
  };
}
