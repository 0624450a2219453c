import fs from 'node:fs';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { IngestProgressEvent } from '../../src/moderation/events.js';
import type { CheckResult } from '../../src/types.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from '../server/support/small-knowledge.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';
import { login } from './support/moderation-server.js';

const DOC = TEA_DOC;
const TEA_CLAIM = 'Drinking tea cures the common cold';

describe('document uploads', () => {
  let kb: SmallKnowledge;
  let app: ModerationApp;
  let url: string;
  let admin: { cookie: string; csrfToken: string };
  let consoleSocket: Socket;
  const progress: IngestProgressEvent[] = [];

  beforeAll(async () => {
    // Uploads go to this test's own knowledge folder and index, never the shared one; the
    // server reloads its checker from that index after each upload, as `factcheck serve` does.
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    app = await startModerationApp({
      checker: kb.load(),
      reloadChecker: () => kb.load(),
      prefix: 'factcheck-docs-',
      settings: () => ({
        DATA_DIR: kb.config.DATA_DIR,
        KNOWLEDGE_DIR: kb.knowledgeDir,
        MOD_UPLOAD_MAX_BYTES: 4096,
      }),
    });
    url = app.url;
    await app.server.gate.whenReady();
    const { password } = await app.handle.module.accounts.add('root', 'admin');
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
    await app.close();
    await app.server.gate.close();
    kb.remove();
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

  const check = async (claim: string) => {
    const res = await fetch(`${url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CheckResult;
  };
  const citesUpload = (result: CheckResult) =>
    result.citations.some((c) => c.source === 'uploads/tea-and-colds.md');

  async function finished(jobId: string): Promise<IngestProgressEvent> {
    for (let i = 0; i < 600; i++) {
      const done = progress.find((p) => p.jobId === jobId && p.finished);
      if (done) return done;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('ingest did not finish');
  }

  it('stores a valid upload, ingests it with live progress and answers from it without a restart', async () => {
    expect(citesUpload(await check(TEA_CLAIM))).toBe(false);
    const res = await put('tea-and-colds.md', DOC);
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    const done = await finished(jobId);
    expect(done.error).toBeUndefined();
    expect(done.stage).toMatch(/upload done: [1-9]\d* passages indexed/);
    expect(progress.some((p) => p.jobId === jobId && !p.finished)).toBe(true);
    expect(fs.readFileSync(path.join(kb.knowledgeDir, 'uploads/tea-and-colds.md'), 'utf8')).toBe(
      DOC,
    );
    const list = (await (
      await fetch(`${url}/moderate/documents`, { headers: { cookie: admin.cookie } })
    ).json()) as { name: string; ingest: unknown }[];
    expect(list).toEqual([
      expect.objectContaining({
        name: 'tea-and-colds.md',
        ingest: expect.objectContaining({ jobId, status: 'done' }),
      }),
    ]);
    expect(progress.some((p) => p.jobId === jobId && p.stage === 'loading the new index')).toBe(
      true,
    );
    const answer = await check(TEA_CLAIM);
    const cited = answer.citations.find((c) => c.source === 'uploads/tea-and-colds.md');
    expect(cited && DOC.slice(cited.start, cited.end)).toBe(cited?.quote);
  });

  it('refuses binary, badly encoded, oversized, malformed and wrongly named files with codes', async () => {
    expect(await codeOf(await put('a.txt', Buffer.from([0x61, 0x00, 0x62])))).toBe('SOURCE_BINARY');
    expect(await codeOf(await put('a.txt', Buffer.from([0xc3, 0x28])))).toBe('SOURCE_INVALID_UTF8');
    expect(await codeOf(await put('a.txt', 'x'.repeat(5000)))).toBe('SOURCE_TOO_LARGE');
    expect(await codeOf(await put('a.jsonl', '{"ok": 1}\nnot json\n'))).toBe('SOURCE_MALFORMED');
    expect(await codeOf(await put('a.exe', 'text'))).toBe('SOURCE_UNSUPPORTED');
    expect(await codeOf(await put('..%2Fescape.md', 'text'))).toBe('SOURCE_UNSUPPORTED');
    expect(fs.readdirSync(path.join(kb.knowledgeDir, 'uploads'))).toEqual(['tea-and-colds.md']);
  });

  it('lets only admins with a session and CSRF token manage documents', async () => {
    const { password } = await app.handle.module.accounts.add('plain', 'moderator');
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
    // The report counts the whole index: the upload's passages are gone from it.
    const indexed = (stage: string) => Number(/(\d+) passages indexed/.exec(stage)?.[1]);
    const uploaded = progress.find((p) => p.finished && p.stage.startsWith('upload done'))!;
    expect(indexed(done.stage)).toBeLessThan(indexed(uploaded.stage));
    expect(fs.existsSync(path.join(kb.knowledgeDir, 'uploads/tea-and-colds.md'))).toBe(false);
    expect(citesUpload(await check(TEA_CLAIM))).toBe(false);
    const audit = (await (
      await fetch(`${url}/api/v1/moderate/audit`, { headers: { cookie: admin.cookie } })
    ).json()) as { action: string }[];
    expect(audit.map((a) => a.action).slice(0, 2)).toEqual(['document.remove', 'document.upload']);
  });
});
