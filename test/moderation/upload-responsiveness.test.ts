import type { IngestProgressEvent } from '../../src/moderation/events.js';
import type { CheckResult } from '../../src/types.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import {
  smallKnowledge,
  WALKING_DOC,
  type SmallKnowledge,
} from '../server/support/small-knowledge.js';
import { generatedMarkdown } from '../support/generated-markdown.js';
import { startModerationApp, type ModerationApp } from './support/moderation-app.js';
import { login } from './support/moderation-server.js';

/**
 * The 300 KB upload left /healthz unanswered for about 30 s; this one is half that. Bigger
 * ones (up to the 5 MB cap) are measured by bench/upload.bench.ts: embedding them takes many
 * minutes on a shared test machine, and what is checked here does not depend on the size.
 */
const UPLOAD_BYTES = 150_000;

interface Probe {
  kind: 'healthz' | 'claim';
  sentAt: number;
  answeredAt: number;
  status: number;
}

describe('an upload being ingested', () => {
  let kb: SmallKnowledge;
  let app: ModerationApp;

  beforeAll(async () => {
    kb = smallKnowledge({ 'walking.md': WALKING_DOC });
    app = await startModerationApp({
      checker: kb.load(),
      reloadChecker: () => kb.load(),
      prefix: 'factcheck-busy-upload-',
      settings: () => ({
        DATA_DIR: kb.config.DATA_DIR,
        KNOWLEDGE_DIR: kb.knowledgeDir,
        MOD_UPLOAD_MAX_BYTES: UPLOAD_BYTES + 100_000,
        // The probe asks claims back to back for minutes.
        RATE_ANON_PER_MINUTE: 1_000_000,
        // Which thread ingests does not depend on its priority; on a test machine shared with
        // other busy processes a niced worker would wait behind all of them.
        INGEST_WORKER_NICE: 0,
      }),
    });
    await app.server.gate.whenReady();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await app.close();
    await app.server.gate.close();
    kb.remove();
  });

  const check = (claim: string) =>
    fetch(`${app.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim }),
    });

  it(
    'leaves /healthz and claims answered while it is embedded, and is answerable after',
    async () => {
      const { password } = await app.handle.module.accounts.add('root', 'admin');
      const admin = await login(app.url, 'root', password);
      const events: { at: number; event: IngestProgressEvent }[] = [];
      app.server.ingest.onProgress((event) => events.push({ at: performance.now(), event }));
      const document = generatedMarkdown(UPLOAD_BYTES);

      const res = await fetch(`${app.url}/moderate/documents/almanac.md`, {
        method: 'PUT',
        headers: {
          cookie: admin.cookie,
          'x-csrf-token': admin.csrfToken,
          'content-type': 'application/octet-stream',
        },
        body: document,
      });
      expect(res.status).toBe(202);
      const { jobId } = (await res.json()) as { jobId: string };
      const isFinished = () => events.some((e) => e.event.jobId === jobId && e.event.finished);

      // Until the job finishes: /healthz every 100 ms, and claims back to back.
      const probes: Probe[] = [];
      const probe = async (kind: Probe['kind'], send: () => Promise<Response>) => {
        const sentAt = performance.now();
        const res = await send();
        await res.arrayBuffer();
        const { status } = res;
        probes.push({ kind, sentAt, answeredAt: performance.now(), status });
      };
      await Promise.all([
        (async () => {
          while (!isFinished()) {
            await probe('healthz', () => fetch(`${app.url}/healthz`));
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })(),
        (async () => {
          while (!isFinished())
            await probe('claim', () => check('A brisk walk lowers blood pressure'));
        })(),
      ]);

      const at = (match: (e: IngestProgressEvent) => boolean) =>
        events.find((e) => e.event.jobId === jobId && match(e.event))?.at ?? Number.NaN;
      const embedStarted = at((e) => e.stage === 'embed');
      const embedded = at((e) => e.stage === 'embed' && e.total > 0 && e.done === e.total);
      const writeStarted = at((e) => e.stage === 'write');
      const finished = at((e) => e.finished === true);
      expect(events.find((e) => e.event.finished)?.event.error).toBeUndefined();
      expect(embedded).toBeGreaterThan(embedStarted);

      expect(probes.every((p) => p.status === 200)).toBe(true);
      // Asked while the document was being embedded, answered before its embedding was done.
      const duringEmbedding = (kind: Probe['kind']) =>
        probes.filter((p) => p.kind === kind && p.sentAt > embedStarted && p.answeredAt < embedded);
      expect(duringEmbedding('healthz').length).toBeGreaterThan(0);
      expect(duringEmbedding('claim').length).toBeGreaterThan(0);
      // Whatever was asked before the index was written got its answer before the ingest ended.
      const early = probes.filter((p) => p.sentAt < writeStarted);
      expect(early.every((p) => p.answeredAt < finished)).toBe(true);

      const after = (await (
        await check('The railway of district 3 counted passengers')
      ).json()) as CheckResult;
      const cited = after.citations.find((c) => c.source === 'uploads/almanac.md');
      expect(cited && document.slice(cited.start, cited.end)).toBe(cited?.quote);
    },
    INDEX_BUILD_TIMEOUT_MS,
  );
});
