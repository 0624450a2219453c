import fs from 'node:fs';
import path from 'node:path';
import {
  io as connect,
  type Socket,
  type ManagerOptions,
  type SocketOptions,
} from 'socket.io-client';
import type { Config } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import { createApp, type ServerApp } from '../../../src/server/app.js';
import type { ServerPlugin } from '../../../src/server/plugin.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src/server/events.js';
import { createChatStore, openServiceDb, type ChatStore } from '../../../src/store/chat-store.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { listenLocally } from '../../support/listen.js';
import { tempDir, testConfig } from './real-checker.js';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  server: ServerApp;
  store: ChatStore;
  config: Config;
  dataDir: string;
  /** Opens a /chat socket (connected, or failed with connect_error) and closes it with the server. */
  client(options?: Partial<ManagerOptions & SocketOptions>): ChatClient;
  close(): Promise<void>;
}

/** createApp on an ephemeral port with its own temporary database; the checker is shared. */
export async function startTestServer(
  checker: Checker | Promise<Checker>,
  overrides: Partial<Config> = {},
  plugins: ServerPlugin[] = [],
): Promise<TestServer> {
  const dataDir = tempDir('factcheck-server-');
  const config = testConfig(dataDir, overrides);
  const db = openServiceDb(config);
  const store = createChatStore(db);
  const server = createApp({ config, logger: createLogger('silent'), store, checker, plugins });
  const url = await listenLocally(server.httpServer);
  const clients: ChatClient[] = [];
  return {
    url,
    server,
    store,
    config,
    dataDir,
    client(options = {}) {
      const socket: ChatClient = connect(`${url}/chat`, {
        transports: ['websocket'],
        reconnectionDelay: 50,
        reconnectionDelayMax: 200,
        ...options,
      });
      clients.push(socket);
      return socket;
    },
    async close() {
      for (const c of clients) c.disconnect();
      await server.close();
      db.close();
      fs.rmSync(path.resolve(dataDir), { recursive: true, force: true });
    },
  };
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
