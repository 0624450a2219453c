import fs from 'node:fs';
import {
  io as connect,
  type ManagerOptions,
  type Socket,
  type SocketOptions,
} from 'socket.io-client';
import { openRedis } from '../../src/cluster/redis-connection.js';
import type { Config } from '../../src/config/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createApp, type ServerApp } from '../../src/server/app.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/server/events.js';
import type { ServerPlugin } from '../../src/server/plugin.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  tempDir,
  testConfig,
} from '../server/support/real-checker.js';
import { listenLocally } from './listen.js';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServerOptions {
  /** Settings over the test defaults (real knowledge/, this server's data folder, silent logs). */
  settings?: Partial<Config> | ((dataDir: string) => Partial<Config>);
  plugins?: ServerPlugin[];
  /** Loads a checker over the index on disk: the app then reloads after uploads. */
  reloadChecker?: () => Promise<Checker>;
  logger?: Logger;
  /** The built client; by default the project's client/dist. */
  clientDir?: string;
}

export interface TestServer {
  url: string;
  server: ServerApp;
  store: Store;
  config: Config;
  /** This server's temporary data folder (its database), removed on close. */
  dataDir: string;
  /** Opens a /chat socket (connected, or failed with connect_error) and closes it with the server. */
  client(options?: Partial<ManagerOptions & SocketOptions>): ChatClient;
  /** Closes sockets, server and database and removes the folder; the checker stays open. */
  close(): Promise<void>;
}

/**
 * The service as `factcheck serve` builds it (createApp, with the plugins given) on an ephemeral
 * port with its own temporary data folder and database. The checker is the caller's, to share
 * between servers; a promise of one leaves claims at INDEX_NOT_READY until it resolves.
 */
export async function startTestServer(
  checker: Checker | Promise<Checker>,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = tempDir('factcheck-server-');
  const { settings } = options;
  const config = testConfig(dataDir, typeof settings === 'function' ? settings(dataDir) : settings);
  const store = await openStore(config);
  const logger = options.logger ?? createLogger('silent');
  // REDIS_URL in the settings makes this server one node of many, as `factcheck serve` does.
  const redis = config.REDIS_URL ? openRedis(config, logger) : undefined;
  const server = createApp({
    config,
    logger,
    store,
    checker,
    plugins: options.plugins ?? [],
    ...(options.reloadChecker ? { reloadChecker: options.reloadChecker } : {}),
    ...(options.clientDir ? { clientDir: options.clientDir } : {}),
    ...(redis ? { redis } : {}),
  });
  const url = await listenLocally(server.httpServer);
  const clients: ChatClient[] = [];
  return {
    url,
    server,
    store,
    config,
    dataDir,
    client(socketOptions = {}) {
      const socket: ChatClient = connect(`${url}/chat`, {
        transports: ['websocket'],
        reconnectionDelay: 50,
        reconnectionDelayMax: 200,
        ...socketOptions,
      });
      clients.push(socket);
      return socket;
    },
    async close() {
      for (const c of clients) c.disconnect();
      await server.close();
      await redis?.close();
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What `useRealServer` started; read it inside tests (it is filled in by `beforeAll`). */
export interface RealServer {
  checker: Checker;
  server: TestServer;
}

/**
 * The real checker over the shared real index and a test server over it, started before the
 * file's (or describe block's) first test and closed after its last.
 */
export function useRealServer(options: TestServerOptions = {}): RealServer {
  const real = {} as RealServer;
  beforeAll(async () => {
    real.checker = await realChecker();
    real.server = await startTestServer(real.checker, options);
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await real.server?.close();
    await real.checker?.close();
  });
  return real;
}

/** Resolves with the next event `name` for which `match` holds. */
export function nextEvent<T>(
  socket: ChatClient,
  name: keyof ServerToClientEvents,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 60_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(name, listener as never);
      reject(new Error(`no ${name} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(payload);
    };
    socket.on(name, listener as never);
  });
}

/** Waits until the socket is connected (or fails with its connect error). */
export function connected(socket: ChatClient): Promise<void> {
  if (socket.connected) return Promise.resolve();
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}
