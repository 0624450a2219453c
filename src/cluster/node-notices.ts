import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { RedisConnection } from './redis-connection.js';

/**
 * What one node tells the others: the index on disk changed (an upload's ingest finished, or a
 * SIGHUP reload), so load it again from the shared data folder; or a moderator's review changed
 * what claims are answered with, so forget cached checks.
 */
export type NoticeKind = 'index-changed' | 'answers-reviewed';

/** Notices between the nodes of one service, over Redis pub/sub (fire and forget). */
export interface NodeNotices {
  /** This node's id: a node skips its own notices. */
  readonly nodeId: string;
  /** Tells every other node; a failure is logged, not thrown (the change itself is done). */
  publish(kind: NoticeKind): Promise<void>;
  /** Calls `listener` for each notice of that kind from another node. */
  on(kind: NoticeKind, listener: () => void): void;
  /** Subscribes on a connection of its own; resolves once notices are received. */
  start(): Promise<void>;
  close(): Promise<void>;
}

interface Notice {
  kind: NoticeKind;
  from: string;
}

const isNotice = (value: unknown): value is Notice =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Notice).kind === 'string' &&
  typeof (value as Notice).from === 'string';

export function createNodeNotices(redis: RedisConnection, logger: Logger): NodeNotices {
  const nodeId = randomUUID();
  const channel = `${redis.prefix}notices`;
  const log = logger.child({ part: 'notices', nodeId });
  const listeners = new Map<NoticeKind, Set<() => void>>();
  let subscriber: Redis | undefined;

  const onMessage = (from: string, text: string) => {
    if (from !== channel) return;
    let notice: unknown;
    try {
      notice = JSON.parse(text);
    } catch {
      notice = undefined;
    }
    if (!isNotice(notice)) return log.warn({ text: text.slice(0, 200) }, 'unreadable notice');
    if (notice.from === nodeId) return;
    log.info({ kind: notice.kind, from: notice.from }, 'notice from another node');
    for (const listener of listeners.get(notice.kind) ?? []) listener();
  };

  return {
    nodeId,
    async publish(kind) {
      try {
        await redis.client.publish(channel, JSON.stringify({ kind, from: nodeId }));
      } catch (err) {
        log.error({ err, kind }, 'notice not sent: the other nodes keep their state until told');
      }
    },
    on(kind, listener) {
      const set = listeners.get(kind) ?? new Set();
      set.add(listener);
      listeners.set(kind, set);
    },
    async start() {
      if (subscriber) return;
      subscriber = redis.duplicate();
      subscriber.on('message', onMessage);
      // ioredis subscribes again by itself after a reconnection.
      await subscriber.subscribe(channel);
    },
    async close() {
      subscriber?.disconnect();
      subscriber = undefined;
    },
  };
}
