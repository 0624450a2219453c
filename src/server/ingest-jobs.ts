import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { toErrorBody } from '../errors.js';
import type { IngestProgress, IngestReport } from '../index/ingest-knowledge.js';
import type { Logger } from '../logger.js';
import type { IngestProgressEvent } from '../moderation/events.js';
import type { IngestAction, IngestJob, IngestJobRepository } from '../store/ingest-jobs.js';

/** Brings the given paths (all of the knowledge folder when undefined) into the index on disk. */
export type IngestRunner = (
  paths: string[] | undefined,
  onProgress: (progress: IngestProgress) => void,
  signal: AbortSignal,
) => Promise<IngestReport>;

export interface IngestJobsDeps {
  repo: IngestJobRepository;
  logger: Logger;
  knowledgeDir: string;
  /** The ingest itself: in a worker thread (src/index/ingest-in-worker.ts) when serving. */
  ingest: IngestRunner;
  /** Resolves when the server's first index is loaded: jobs wait for it (it may be building). */
  whenReady: () => Promise<unknown>;
  /** Serves the index just written (a new checker); absent: it is served from the next start. */
  reload?: () => Promise<unknown>;
  now?: () => number;
}

/** Ingest work queued by uploads, removals and SIGHUP, run one batch at a time off the loop. */
export interface IngestJobs {
  readonly repo: IngestJobRepository;
  /**
   * Records a job, then runs `prepare` (putting the file in place or removing it) and queues the
   * job. Recording first means a process killed after `prepare` still finds the job at its next
   * start; the job is held (running, not pending) until `prepare` is done, so that no node runs
   * it without its file. If `prepare` throws, the job is marked failed and the error passed on.
   */
  submit(
    job: { action: IngestAction; file: string | null },
    prepare?: () => Promise<void>,
  ): Promise<string>;
  /** Runs the jobs a stopped process left pending or running. Called once, when serving starts. */
  resume(): Promise<void>;
  /** Progress and outcome of every job, for the moderation console. */
  onProgress(listener: (event: IngestProgressEvent) => void): () => void;
  /** Stops a running ingest (its jobs stay running, so the next start resumes them). */
  close(): Promise<void>;
}

/** The folders a batch of jobs must ingest: each job's folder, or everything for a reload. */
function scopeOf(jobs: readonly IngestJob[], knowledgeDir: string): string[] | undefined {
  if (jobs.some((j) => j.file === null)) return undefined;
  // The whole folder of an upload: a removed file is noticed only by ingesting its folder.
  const folders = new Set(jobs.map((j) => path.dirname(j.file as string)));
  return [...folders].map((f) => path.join(knowledgeDir, f));
}

export function createIngestJobs(deps: IngestJobsDeps): IngestJobs {
  const { repo } = deps;
  const now = deps.now ?? Date.now;
  const listeners = new Set<(event: IngestProgressEvent) => void>();
  const stopper = new AbortController();
  const stopped = new Promise<void>((resolve) =>
    stopper.signal.addEventListener('abort', () => resolve(), { once: true }),
  );
  let draining: Promise<void> | undefined;

  const emit = (event: IngestProgressEvent) => {
    for (const listener of listeners) listener(event);
  };
  const emitAll = (jobs: readonly IngestJob[], event: Omit<IngestProgressEvent, 'jobId'>) => {
    for (const job of jobs) emit({ jobId: job.id, ...event });
  };

  /**
   * One ingest for every job waiting: later uploads ride along with the run that finds them, and
   * share its outcome (a file that cannot be ingested fails the jobs it was ingested with).
   */
  async function runBatch(waitingJobs: IngestJob[]): Promise<void> {
    // Another node over the same database may have taken some of them meanwhile.
    const ids = await repo.claim(
      waitingJobs.map((j) => j.id),
      now(),
    );
    if (ids.length === 0) return;
    const jobs = waitingJobs.filter((j) => ids.includes(j.id));
    deps.logger.info({ jobs: ids }, 'ingest started');
    let report: IngestReport;
    try {
      report = await deps.ingest(
        scopeOf(jobs, deps.knowledgeDir),
        (p) => emitAll(jobs, { stage: p.phase, done: p.done, total: p.total }),
        stopper.signal,
      );
      if (deps.reload) {
        emitAll(jobs, { stage: 'loading the new index', done: 0, total: 1 });
        await deps.reload();
      } else deps.logger.warn({ jobs: ids }, 'index written; it is served from the next start');
    } catch (err) {
      // Stopped by shutdown: the jobs stay running, and the next start runs them again.
      if (stopper.signal.aborted) return;
      deps.logger.error({ err, jobs: ids }, 'ingest failed');
      const { error } = toErrorBody(err).body;
      await repo.finish(ids, 'failed', { error }, now());
      for (const job of jobs)
        emit({ jobId: job.id, stage: job.action, done: 0, total: 1, finished: true, error });
      return;
    }
    const { added, updated, removed, passages, seconds } = report;
    await repo.finish(ids, 'done', { added, updated, removed, passages, seconds }, now());
    deps.logger.info({ jobs: ids, added, updated, removed, passages, seconds }, 'ingest done');
    for (const job of jobs)
      emit({
        jobId: job.id,
        stage: `${job.action} done: ${passages} passages indexed`,
        done: 1,
        total: 1,
        finished: true,
      });
  }

  /** Runs batches until nothing waits; one loop at a time. */
  function drain(): void {
    if (stopper.signal.aborted) return;
    draining ??= (async () => {
      try {
        await Promise.race([deps.whenReady(), stopped]);
        while (!stopper.signal.aborted) {
          const jobs = await repo.pending();
          if (jobs.length === 0) break;
          await runBatch(jobs);
        }
      } catch (err) {
        // The first index did not load (or the database closed): the jobs stay recorded.
        deps.logger.error({ err }, 'ingest jobs stopped; those waiting run at the next start');
      } finally {
        draining = undefined;
      }
    })();
  }

  return {
    repo,
    async submit(job, prepare) {
      const id = randomUUID();
      // Held while its file is put in place: no node (this one or another over the same
      // database) may run it before.
      await repo.add({ id, action: job.action, file: job.file, createdAt: now() }, !!prepare);
      if (prepare) {
        try {
          await prepare();
        } catch (err) {
          await repo.finish([id], 'failed', { error: toErrorBody(err).body.error }, now());
          throw err;
        }
        await repo.release(id);
      }
      drain();
      return id;
    },
    async resume() {
      const interrupted = await repo.requeueInterrupted();
      const pending = (await repo.pending()).length;
      if (pending > 0) deps.logger.info({ interrupted, pending }, 'resuming ingest jobs');
      drain();
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      stopper.abort();
      await draining;
    },
  };
}
