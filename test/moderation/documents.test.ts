import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { createLogger } from '../../src/logger.js';
import { createApp, type ServerApp } from '../../src/server/app.js';
import type { IngestProgressEvent } from '../../src/server/moderate/events.js';
import {
  moderationPlugin,
  type ModerationHandle,
} from '../../src/server/moderate/moderation-plugin.js';
import { createChatStore, openServiceDb } from '../../src/store/chat-store.js';
import type { Db } from '../../src/store/db.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  tempDir,
  testConfig,
} from '../server/support/real-checker.js';
import { login } from './support/moderation-server.js';

const DOC = `# Tea and colds

Drinking tea does not cure the common cold. Doctors say rest and fluids help people feel better.

## What helps

Warm drinks soothe a sore throat, but no drink shortens a cold.
`;

describe('document uploads', () => {
  let dir: string;
  let db: Db;
  let server: ServerApp;
  let url: string;
  let handle: ModerationHandle;
  let checker: Checker;
  let admin: { cookie: string; csrfToken: string };
  let consoleSocket: Socket;
  const progress: IngestProgressEvent[] = [];

  beforeAll(async () => {
    dir = tempDir('factcheck-docs-');
    fs.mkdirSync(path.join(dir, 'knowledge'));
    checker = await realChecker();
    // Uploads go to this test's own knowledge folder and index, never the shared one.
    const config = testConfig(path.join(dir, 'data'), {
      KNOWLEDGE_DIR: path.join(dir, 'knowledge'),
      MOD_UPLOAD_MAX_BYTES: 4096,
    });
    db = openServiceDb(config);
    server = createApp({
      config,
      logger: createLogger('silent'),
      store: createChatStore(db),
      checker,
      plugins: [moderationPlugin({ onBuilt: (h) => (handle = h), clientDir: dir })],
      clientDir: dir,
    });
    await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
    const { password } = await handle.module.accounts.add('root', 'admin');
    admin = await login(url, 'root', password);
    consoleSocket = connect(`${url}/moderate`, {
      transports: ['websocket'],
      extraHeaders: { cookie: admin.cookie },
    });
    consoleSocket.on('ingest:progress', (p: IngestProgressEvent) => progress.push(p));
    await new Promise<void>((resolve) => consoleSocket.on('connect', () => resolve()));
  }, INDEX_BUILD_TIMEOUT_MS);

  afterAll(async () => {
    consoleSocket.close();
    await server.close();
    await checker.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const put = (name: string, body: Buffer | string, session = admin) =>
    fetch(`${url}/moderate/documents/${encodeURIComponent(name)}`, {
      method: 'PUT',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
        'content-type': 'application/octet-stream',
      },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  const codeOf = async (res: Response) =>
    ((await res.json()) as { error: { code: string } }).error.code;

  async function finished(jobId: string): Promise<IngestProgressEvent> {
    for (let i = 0; i < 600; i++) {
      const done = progress.find((p) => p.jobId === jobId && p.finished);
      if (done) return done;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('ingest did not finish');
  }

  it('stores a valid upload under the knowledge folder and ingests it with live progress', async () => {
    const res = await put('tea-and-colds.md', DOC);
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const done = await finished(jobId);
    expect(done.error).toBeUndefined();
    expect(done.stage).toMatch(/upload done: [1-9]\d* passages indexed/);
    expect(progress.some((p) => p.jobId === jobId && !p.finished)).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'knowledge/uploads/tea-and-colds.md'), 'utf8')).toBe(DOC);
    const list = (await (
      await fetch(`${url}/moderate/documents`, { headers: { cookie: admin.cookie } })
    ).json()) as { name: string }[];
    expect(list.map((d) => d.name)).toEqual(['tea-and-colds.md']);
  });

  it('refuses binary, badly encoded, oversized, malformed and wrongly named files with codes', async () => {
    expect(await codeOf(await put('a.txt', Buffer.from([0x61, 0x00, 0x62])))).toBe('SOURCE_BINARY');
    expect(await codeOf(await put('a.txt', Buffer.from([0xc3, 0x28])))).toBe('SOURCE_INVALID_UTF8');
    expect(await codeOf(await put('a.txt', 'x'.repeat(5000)))).toBe('SOURCE_TOO_LARGE');
    expect(await codeOf(await put('a.jsonl', '{"ok": 1}\nnot json\n'))).toBe('SOURCE_MALFORMED');
    expect(await codeOf(await put('a.exe', 'text'))).toBe('SOURCE_UNSUPPORTED');
    expect(await codeOf(await put('..%2Fescape.md', 'text'))).toBe('SOURCE_UNSUPPORTED');
    expect(fs.readdirSync(path.join(dir, 'knowledge/uploads'))).toEqual(['tea-and-colds.md']);
  });

  it('lets only admins with a session and CSRF token manage documents', async () => {
    const { password } = await handle.module.accounts.add('plain', 'moderator');
    const moderator = await login(url, 'plain', password);
    expect(await codeOf(await put('b.md', '# B\n\ntext', moderator))).toBe('FORBIDDEN');
    expect(await codeOf(await put('b.md', '# B\n\ntext', { cookie: '', csrfToken: '' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      await codeOf(await put('b.md', '# B\n\ntext', { cookie: admin.cookie, csrfToken: 'wrong' })),
    ).toBe('CSRF_FAILED');
  });

  it('removes a document from the folder and the index, and logs every action', async () => {
    const res = await fetch(`${url}/moderate/documents/tea-and-colds.md`, {
      method: 'DELETE',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(res.status).toBe(202);
    const done = await finished(((await res.json()) as { jobId: string }).jobId);
    expect(done.stage).toMatch(/removal done: 0 passages indexed/);
    expect(fs.existsSync(path.join(dir, 'knowledge/uploads/tea-and-colds.md'))).toBe(false);
    const audit = (await (
      await fetch(`${url}/api/v1/moderate/audit`, { headers: { cookie: admin.cookie } })
    ).json()) as { action: string }[];
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['document.remove', 'document.upload']);
  });
});
