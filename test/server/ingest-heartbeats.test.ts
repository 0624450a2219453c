import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IngestReport } from '../../src/index/ingest-knowledge.js';
import { createLogger, type Logger } from '../../src/logger.js';
import {
  createIngestJobs,
  type IngestJobs,
  type IngestRunner,
} from '../../src/server/ingest-jobs.js';
import type { IngestJob } from '../../src/store/ingest-jobs.js';
import { openStore, type Store } from '../../src/store/store.js';
import { captureLogs } from '../support/log-capture.js';
import { BACKENDS, useBackend } from '../support/stores.js';
import { waitFor } from '../support/wait-for.js';

/** Short enough for a test, and 40 heartbeats long: a live node is never taken for a stopped one. */
const HEARTBEAT_MS = 25;
const STALE_MS = 1_000;

const REPORT: IngestReport = {
  added: 1,
  updated: 0,
  removed: 0,
  unchanged: 0,
  passages: 1,
  embedded: 1,
  rebuilt: false,
  seconds: 0,
  changes: { added: [], updated: [], removed: [] },
};

/** An ingest that lasts until `finish()` (or until its node stops), counting its runs. */
function blockingIngest(): { run: IngestRunner; runs: () => number; finish: () => void } {
  let runs = 0;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const run: IngestRunner = async (_paths, _onProgress, signal) => {
    runs++;
    await new Promise<void>((resolve, reject) => {
      void finished.then(resolve);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
    return REPORT;
  };
  return { run, runs: () => runs, finish };
}

/** The job once `ready` holds for it, read through `jobs`' repository. */
const jobOnce = (jobs: IngestJobs, id: string, ready: (job: IngestJob) => boolean, what: string) =>
  waitFor(
    async () => {
      const job = await jobs.repo.get(id);
      return job && ready(job) && job;
    },
    10_000,
    what,
  );

/** Whether the job's runner has beaten more than the staleness after `since`. */
const aliveLongerThanStaleness = (since: 'createdAt' | 'startedAt') => (job: IngestJob) =>
  job.heartbeatAt !== null && job.heartbeatAt - (job[since] ?? Infinity) > STALE_MS;

describe.each(BACKENDS)('ingest job heartbeats (%s)', (backend) => {
  const database = useBackend(backend);
  let dir: string;
  let stores: Store[];
  let nodes: IngestJobs[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-heartbeats-'));
    const settings = { DATA_DIR: dir, ...(await database.fresh()) };
    const first = await openStore(settings);
    // PostgreSQL: a second node with its own connections. SQLite serves one process, so both
    // runners share its one connection (a second would wait on the first's write lock).
    stores = [first, backend === 'postgres' ? await openStore(settings) : first];
    nodes = [];
  });
  afterEach(async () => {
    for (const node of nodes) await node.close();
    for (const store of new Set(stores)) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A runner (one node's ingest jobs) over the `index`th store. */
  function node(index: 0 | 1, ingest: IngestRunner, logger: Logger = createLogger('silent')) {
    const jobs = createIngestJobs({
      repo: stores[index]!.ingestJobs,
      logger,
      knowledgeDir: dir,
      ingest,
      whenReady: async () => undefined,
      heartbeatMs: HEARTBEAT_MS,
      staleMs: STALE_MS,
    });
    nodes.push(jobs);
    return jobs;
  }

  it('refreshes the heartbeat of a job while it holds it and while it runs it', async () => {
    const ingest = blockingIngest();
    const a = node(0, ingest.run);
    let held: IngestJob | undefined;
    const id = await a.submit({ action: 'upload', file: 'uploads/a.md' }, async () => {
      held = await waitFor(
        async () => {
          const job = await a.repo.latestFor('uploads/a.md');
          return job && job.heartbeatAt! > job.createdAt && job;
        },
        10_000,
        'a heartbeat while the file is put in place',
      );
    });
    expect(held).toMatchObject({ status: 'running', runner: expect.any(String) });

    const running = await jobOnce(
      a,
      id,
      (job) => job.startedAt !== null && job.heartbeatAt! > job.startedAt,
      'a heartbeat while the job runs',
    );
    expect(running).toMatchObject({ status: 'running', runner: held!.runner });
    ingest.finish();
    await jobOnce(a, id, (job) => job.status === 'done', 'the job to finish');
  });

  it("leaves a live node's running and held jobs alone, and runs them once that node stops", async () => {
    const ingestA = blockingIngest();
    const ingestB = blockingIngest();
    ingestB.finish();
    const logsB = captureLogs();
    const a = node(0, ingestA.run);
    const b = node(1, ingestB.run, logsB.logger);

    const runningId = await a.submit({ action: 'reload', file: null });
    // Claimed by node A before node B starts (a job still pending is any node's to run).
    await jobOnce(a, runningId, (job) => job.status === 'running', 'node A to claim its job');
    let putInPlace!: () => void;
    const fileInPlace = new Promise<void>((resolve) => (putInPlace = resolve));
    const heldSubmit = a.submit({ action: 'upload', file: 'uploads/h.md' }, () => fileInPlace);
    const heldId = (await waitFor(() => a.repo.latestFor('uploads/h.md'), 10_000, 'the held job'))
      .id;
    await b.resume();

    // Node B looks for stale jobs on every heartbeat while node A outlives the staleness.
    const running = await jobOnce(
      a,
      runningId,
      aliveLongerThanStaleness('startedAt'),
      'node A to run its job longer than the staleness',
    );
    const held = await jobOnce(
      a,
      heldId,
      aliveLongerThanStaleness('createdAt'),
      'node A to hold its job longer than the staleness',
    );
    expect(held).toMatchObject({ status: 'running', runner: running.runner });
    expect(running.status).toBe('running');
    expect(ingestB.runs()).toBe(0);

    // The file is in place, then node A stops mid-run: its job stays running, and goes quiet.
    putInPlace();
    expect(await heldSubmit).toBe(heldId);
    await a.close();
    for (const id of [runningId, heldId]) {
      const done = await jobOnce(b, id, (job) => job.status === 'done', 'node B to run the job');
      expect(done.runner).not.toBe(running.runner);
    }
    expect([ingestA.runs(), ingestB.runs()]).toEqual([1, 1]);
    const requeued = logsB.lines().find((line) => line.msg === 'stale ingest jobs requeued');
    expect(requeued).toMatchObject({ level: 40, jobs: [runningId] });
  });
});
