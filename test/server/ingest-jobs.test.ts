import type { IngestProgressEvent } from '../../src/moderation/events.js';
import { openServiceDb } from '../../src/store/chat-store.js';
import { IngestJobRepository } from '../../src/store/ingest-jobs.js';
import type { CheckResult } from '../../src/types.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import {
  smallKnowledge,
  TEA_DOC,
  WALKING_DOC,
  type SmallKnowledge,
} from '../server/support/small-knowledge.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';

const TEA_CLAIM = 'Drinking tea cures the common cold';
const UPLOAD = 'uploads/tea-and-colds.md';

describe('ingest jobs after a kill', () => {
  let kb: SmallKnowledge;
  let app: ModerationApp | undefined;

  beforeAll(async () => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    await kb.ingest();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await app?.close();
    await app?.server.gate.close();
    kb.remove();
  });

  it('runs an upload the previous process was ingesting when it died, at the next start', async () => {
    // What a process killed mid-ingest leaves: the stored upload and its job, still running.
    kb.write(UPLOAD, TEA_DOC);
    const db = openServiceDb(kb.config);
    const jobs = new IngestJobRepository(db);
    jobs.add({ id: 'killed-upload', action: 'upload', file: UPLOAD, createdAt: Date.now() });
    jobs.markRunning(['killed-upload'], Date.now());
    db.close();

    app = await startModerationApp({
      checker: kb.load(),
      reloadChecker: () => kb.load(),
      prefix: 'factcheck-resume-',
      settings: () => ({ DATA_DIR: kb.config.DATA_DIR, KNOWLEDGE_DIR: kb.knowledgeDir }),
    });
    const { ingest } = app.server;
    const finished = new Promise<IngestProgressEvent>((resolve) =>
      ingest.onProgress((p) => p.jobId === 'killed-upload' && p.finished && resolve(p)),
    );
    // The job may have finished before this test listened (it starts once the server listens).
    const done = ingest.repo.get('killed-upload')?.status === 'done' ? undefined : await finished;
    expect(done?.error).toBeUndefined();
    expect(ingest.repo.get('killed-upload')).toMatchObject({
      status: 'done',
      outcome: expect.objectContaining({ added: 1 }),
    });

    const res = await fetch(`${app.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: TEA_CLAIM }),
    });
    const answer = (await res.json()) as CheckResult;
    const cited = answer.citations.find((c) => c.source === UPLOAD);
    expect(cited && TEA_DOC.slice(cited.start, cited.end)).toBe(cited?.quote);
  });
});
