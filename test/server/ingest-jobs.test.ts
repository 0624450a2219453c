import type { IngestProgressEvent } from '../../src/moderation/events.js';
import { withStore } from '../../src/store/store.js';
import type { CheckResult } from '../../src/types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { INDEX_BUILD_TIMEOUT_MS } from './support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from './support/small-knowledge.js';

const TEA_CLAIM = 'Drinking tea cures the common cold';

describe('ingest jobs', () => {
  let kb: SmallKnowledge;
  let server: TestServer | undefined;

  beforeEach(async () => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    await kb.ingest();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterEach(async () => {
    await server?.close();
    await server?.server.gate.close();
    server = undefined;
    kb.remove();
  });

  /** The server over the small knowledge, its database in the knowledge's data folder. */
  async function start(): Promise<TestServer> {
    server = await startTestServer(kb.load(), {
      reloadChecker: () => kb.load(),
      settings: { DATA_DIR: kb.config.DATA_DIR, KNOWLEDGE_DIR: kb.knowledgeDir },
    });
    return server;
  }

  /** The job's last progress event: it may have finished before the caller started listening. */
  async function outcome(s: TestServer, jobId: string): Promise<IngestProgressEvent | undefined> {
    const finished = new Promise<IngestProgressEvent>((resolve) =>
      s.server.ingest.onProgress((p) => p.jobId === jobId && p.finished && resolve(p)),
    );
    return (await s.server.ingest.repo.get(jobId))?.status === 'done' ? undefined : finished;
  }

  async function citedSource(s: TestServer, claim: string): Promise<CheckResult['citations']> {
    const res = await fetch(`${s.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim }),
    });
    return ((await res.json()) as CheckResult).citations;
  }

  it('runs an upload the previous process was ingesting when it died, at the next start', async () => {
    // What a process killed mid-ingest leaves: the stored upload and its job, still running, its
    // last heartbeat just now. On SQLite no other node can be running it: it runs again at once,
    // without waiting for the heartbeat to go stale (30 s by default).
    kb.write('uploads/tea-and-colds.md', TEA_DOC);
    await withStore(kb.config, async ({ ingestJobs }) => {
      await ingestJobs.add({
        id: 'killed-upload',
        action: 'upload',
        file: 'uploads/tea-and-colds.md',
        createdAt: Date.now(),
      });
      await ingestJobs.claim(['killed-upload'], Date.now(), 'killed-process');
    });

    const s = await start();
    expect((await outcome(s, 'killed-upload'))?.error).toBeUndefined();
    expect(await s.server.ingest.repo.get('killed-upload')).toMatchObject({
      status: 'done',
      outcome: expect.objectContaining({ added: 1 }),
    });
    const cited = (await citedSource(s, TEA_CLAIM)).find(
      (c) => c.source === 'uploads/tea-and-colds.md',
    );
    expect(cited && TEA_DOC.slice(cited.start, cited.end)).toBe(cited?.quote);
  });

  it('brings the whole knowledge folder in on a reload job (SIGHUP) and serves it', async () => {
    const s = await start();
    await s.server.gate.whenReady();
    expect((await citedSource(s, TEA_CLAIM)).some((c) => c.source === 'tea.md')).toBe(false);
    // Edited in place, as an operator would before `kill -HUP`: no upload, no `factcheck ingest`.
    kb.write('tea.md', TEA_DOC);
    const jobId = await s.server.ingest.submit({ action: 'reload', file: null });
    expect((await outcome(s, jobId))?.error).toBeUndefined();
    expect((await citedSource(s, TEA_CLAIM)).some((c) => c.source === 'tea.md')).toBe(true);
  });
});
