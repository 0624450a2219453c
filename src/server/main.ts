import type { AddressInfo } from 'node:net';
import { runExclusive } from '../cluster/exclusive.js';
import { openRedis } from '../cluster/redis-connection.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import { openStore } from '../store/store.js';
import type { Checker } from '../verdict/checker-types.js';
import { createApp, type ServerApp } from './app.js';
import type { ServerPlugin } from './plugin.js';

/** How far building the index has come (first start only). */
export interface IndexProgress {
  phase: string;
  done: number;
  total: number;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Loads (building on first start) the checker; reports index-building progress. */
  loadChecker: (onProgress: (progress: IndexProgress) => void) => Promise<Checker>;
  onIndexProgress?: (progress: IndexProgress) => void;
  plugins?: ServerPlugin[];
  /** Overrides config.PORT; 0 picks a free port. */
  port?: number;
}

export interface RunningServer {
  server: ServerApp;
  url: string;
  port: number;
  /** Resolves once the checker is loaded and claims are answered. */
  ready: Promise<void>;
  /** Graceful stop: answers in flight finish, then sockets, checker and database close. */
  stop(): Promise<void>;
}

/**
 * Opens the database, starts loading the checker and listens at once: health checks and the
 * widget answer while the index is built; claims get INDEX_NOT_READY until it is loaded.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger } = options;
  const store = await openStore(config, {
    onPoolError: (err) => logger.warn({ err }, 'a pooled database connection failed'),
  });
  // Many nodes: rooms, limits, login waits and notices go through the Redis they share.
  const redis = config.REDIS_URL ? openRedis(config, logger) : undefined;
  // Loading may build or update the index in the shared data folder: one node at a time.
  const load = (onProgress: (progress: IndexProgress) => void) =>
    redis
      ? runExclusive(redis, 'index', () => options.loadChecker(onProgress))
      : options.loadChecker(onProgress);
  const checker = load((progress) => options.onIndexProgress?.(progress));
  const server = createApp({
    config,
    logger,
    store,
    checker,
    // After an admin's upload the index on disk changes; a fresh checker is loaded over it.
    reloadChecker: () => load(() => undefined),
    plugins: options.plugins,
    ...(redis ? { redis } : {}),
  });
  const ready = checker.then(
    (c) =>
      logger.info({ indexVersion: c.indexVersion }, 'knowledge index loaded; answering claims'),
    (err: unknown) => {
      logger.fatal({ err }, 'the knowledge index could not be loaded');
      throw err;
    },
  );
  ready.catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.httpServer.listen(options.port ?? config.PORT, config.HOST, () => resolve());
  });
  const { port } = server.httpServer.address() as AddressInfo;
  const url = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  logger.info({ url }, 'serving');

  let stopping: Promise<void> | undefined;
  return {
    server,
    url,
    port,
    ready,
    stop() {
      stopping ??= (async () => {
        logger.info('shutting down: finishing answers in flight');
        await server.close();
        // A checker still loading is not waited for: the process is about to exit.
        await server.gate.close();
        await redis?.close();
        await store.close();
        logger.info('stopped');
      })();
      return stopping;
    },
  };
}
