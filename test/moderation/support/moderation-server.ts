import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { Server } from 'socket.io';
import { loadConfig, type Config } from '../../../src/config/config.js';
import { createLogger } from '../../../src/logger.js';
import { openDb, type Db } from '../../../src/store/db.js';
import { migrations } from '../../../src/store/migrations.js';
import type { StoredAnswer } from '../../../src/server/moderate/answer-page-route.js';
import {
  createModerationModule,
  type ModerationModule,
} from '../../../src/server/moderate/moderation-module.js';
import type { Checker } from '../../../src/verdict/checker-types.js';
import { listenLocally } from '../../support/listen.js';

export interface ModerationTestServer {
  url: string;
  dir: string;
  db: Db;
  config: Config;
  module: ModerationModule;
  answers: Map<string, StoredAnswer>;
  io: Server;
  close(): Promise<void>;
}

/**
 * The moderation module alone on a real HTTP + Socket.IO server on port 0 with a temporary
 * SQLite file; `answers` stands in for the chat store's answers table.
 */
export async function startModerationServer(
  options: { env?: Record<string, string>; checker?: Checker } = {},
): Promise<ModerationTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-mod-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', ...options.env });
  const db = openDb(path.join(dir, 'test.sqlite'), migrations);
  const answers = new Map<string, StoredAnswer>();
  const app = express();
  const server = http.createServer(app);
  const io = new Server(server);
  const module = createModerationModule({
    db,
    config,
    logger: createLogger('silent'),
    checker: () => options.checker,
    findAnswer: (id) => answers.get(id),
  });
  module.mount(app);
  module.attach(io);
  const url = await listenLocally(server);
  return {
    url,
    dir,
    db,
    config,
    module,
    answers,
    io,
    async close() {
      io.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
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

/** Saves a curated answer for a cluster as a logged-in moderator (cookie and CSRF token). */
export function postCurated(
  url: string,
  session: { cookie: string; csrfToken: string },
  clusterId: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${url}/api/v1/moderate/clusters/${clusterId}/curated`, {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}
