import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import { createApp, type ServerApp } from '../../../src/server/app.js';
import { moderationPlugin } from '../../../src/server/moderate/moderation-plugin.js';
import type { Moderation } from '../../../src/moderation/moderation.js';
import { openStore, type Store } from '../../../src/store/store.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { listenLocally } from '../../support/listen.js';

export interface ModerationTestServer {
  url: string;
  dir: string;
  config: Config;
  /** The moderation domain the app mounted: accounts and the moderation service. */
  module: Moderation;
  /** The chat store: answers saved here are what answer pages and the feed show. */
  store: Store;
  server: ServerApp;
  close(): Promise<void>;
}

/**
 * The whole app with moderation (createApp and its plugin, as `factcheck serve` builds it) on
 * port 0 with a temporary data folder. Without a checker, the index never becomes ready.
 */
export async function startModerationServer(
  options: { env?: Record<string, string>; checker?: Checker } = {},
): Promise<ModerationTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-mod-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...options.env });
  const store = await openStore(config);
  let module: Moderation | undefined;
  const server = createApp({
    config,
    logger: createLogger('silent'),
    store,
    checker: options.checker ?? new Promise<Checker>(() => undefined),
    plugins: [moderationPlugin({ onBuilt: (h) => (module = h.module), clientDir: dir })],
    clientDir: dir,
  });
  if (!module) throw new Error('the moderation plugin did not report what it built');
  const url = await listenLocally(server.httpServer);
  return {
    url,
    dir,
    config,
    module,
    store,
    server,
    async close() {
      await server.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POSTs a login as the console does; the response, whatever its status. */
export function postLogin(url: string, name: string, password: string): Promise<Response> {
  return fetch(`${url}/api/v1/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  });
}

/** Logs in over HTTP; returns the cookie to send back and the CSRF token. */
export async function login(
  url: string,
  name: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string; setCookie: string }> {
  const res = await postLogin(url, name, password);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: setCookie.split(';')[0], csrfToken: body.csrfToken, setCookie };
}

/** A moderation API request as the logged-in console makes it: cookie, CSRF token, JSON body. */
export function moderateRequest(
  url: string,
  session: { cookie: string; csrfToken: string },
  method: string,
  route: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${url}/api/v1/moderate/${route}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Saves a curated answer for a cluster as a logged-in moderator (cookie and CSRF token). */
export function postCurated(
  url: string,
  session: { cookie: string; csrfToken: string },
  clusterId: string,
  body: unknown,
): Promise<Response> {
  return moderateRequest(url, session, 'POST', `clusters/${clusterId}/curated`, body);
}
