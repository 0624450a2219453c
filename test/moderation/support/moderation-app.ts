import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../src/config/config.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { createApp, type ServerApp } from '../../../src/server/app.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../../../src/server/moderate/moderation-plugin.js';
import { openStore, type Store } from '../../../src/store/store.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { tempDir, testConfig } from '../../server/support/real-checker.js';
import { listenLocally } from '../../support/listen.js';

export interface ModerationApp {
  server: ServerApp;
  url: string;
  /** This app's temporary folder (its data folder and database). */
  dir: string;
  config: Config;
  store: Store;
  /** What the moderation plugin built: accounts, the telegram bot, the bots' ask. */
  handle: ModerationHandle;
  /** Closes the server and the database and removes the folder; the checker stays open. */
  close(): Promise<void>;
}

/**
 * The whole service (createApp with the moderation plugin) on port 0 with its own temporary
 * data folder and database, as `factcheck serve` builds it. The checker is the caller's, to
 * share between apps; `settings` may place more of the app in its folder.
 */
export async function startModerationApp(options: {
  /** The checker, or its promise (claims get INDEX_NOT_READY until it resolves). */
  checker: Checker | Promise<Checker>;
  /** Loads a checker over the index on disk: the app then reloads after uploads. */
  reloadChecker?: () => Promise<Checker>;
  prefix: string;
  settings?: (dir: string) => Partial<Config>;
  logger?: Logger;
  /** The built client; by default a folder that does not exist (no console pages). */
  clientDir?: string;
}): Promise<ModerationApp> {
  const dir = tempDir(options.prefix);
  const config = testConfig(dir, options.settings?.(dir));
  const clientDir = options.clientDir ?? path.join(dir, 'no-client');
  const store = await openStore(config);
  let handle = undefined as ModerationHandle | undefined;
  const server = createApp({
    config,
    logger: options.logger ?? createLogger('silent'),
    store,
    checker: options.checker,
    ...(options.reloadChecker ? { reloadChecker: options.reloadChecker } : {}),
    plugins: [moderationPlugin({ onBuilt: (h) => (handle = h), clientDir })],
    clientDir,
  });
  if (!handle) throw new Error('the moderation plugin did not report what it built');
  const url = await listenLocally(server.httpServer);
  return {
    server,
    url,
    dir,
    config,
    store,
    handle,
    async close() {
      await server.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
