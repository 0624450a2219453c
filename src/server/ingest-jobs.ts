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
  /** How often this runner refreshes its jobs' heartbeats and requeues stale ones (ms). */
  heartbeatMs: number;
  /** A running job without a heartbeat for this long lost its runner, and is run again (ms). */
  staleMs: number;
  /**
   * No other node uses this database (SQLite): at start, every job left running was this node's
   * own before it stopped, and runs again at once rather than after `staleMs`.
   */
  soleNode?: boolean;
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
  /**
   * Runs the jobs a stopped process left pending, or running with a stale heartbeat, then keeps
   * doing so on each heartbeat. Called once, when serving starts.
   */
  resume(): Promise<void>;
  /** Progress and outcome of every job, for the moderation console. */
  onProgress(listener: (event: IngestProgressEvent) => void): () => void;
  /**
   * Stops a running ingest and the heartbeat (its jobs stay running, so once their heartbeat is
   * stale another node, or the next start, runs them again).
   */
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
  const { staleMs } = deps;
  // Whose jobs are whose among the nodes over one database: this process's, until it stops.
  const runner = randomUUID();
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
      runner,
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

  /** Set by each drain(): a loop that found nothing looks again if jobs came while it looked. */
  let wanted = false;

  /** Runs batches until nothing waits; one loop at a time. */
  function drain(): void {
    if (stopper.signal.aborted) return;
    wanted = true;
    draining ??= (async () => {
      try {
        await Promise.race([deps.whenReady(), stopped]);
        while (!stopper.signal.aborted) {
          wanted = false;
          const jobs = await repo.pending();
          if (jobs.length > 0) await runBatch(jobs);
          else if (!wanted) break;
        }
      } catch (err) {
        // The first index did not load (or the database closed): the jobs stay recorded.
        deps.logger.error({ err }, 'ingest jobs stopped; those waiting run at the next start');
      } finally {
        draining = undefined;
      }
    })();
  }

  /** Running jobs whose runner went quiet (killed, cut off) go back to pending; how many. */
  async function requeueStale(all = false): Promise<number> {
    // "All": anything with a heartbeat up to now, i.e. every running job.
    const ids = await repo.requeueInterrupted(all ? now() + 1 : now() - staleMs, runner);
    if (ids.length > 0) deps.logger.warn({ jobs: ids, staleMs }, 'stale ingest jobs requeued');
    return ids.length;
  }

  const heartbeat = createHeartbeat({
    intervalMs: deps.heartbeatMs,
    logger: deps.logger,
    async beat() {
      await repo.heartbeat(runner, now());
      if ((await requeueStale()) > 0) drain();
    },
  });

  return {
    repo,
    async submit(job, prepare) {
      heartbeat.start();
      const id = randomUUID();
      // Held while its file is put in place: no node (this one or another over the same
      // database) may run it before.
      const holder = prepare ? runner : undefined;
      await repo.add({ id, action: job.action, file: job.file, createdAt: now() }, holder);
      if (prepare) {
        try {
          await prepare();
        } catch (err) {
          await repo.finish([id], 'failed', { error: toErrorBody(err).body.error }, now());
          throw err;
        }
        await repo.release(id, runner);
      }
      drain();
      return id;
    },
    async resume() {
      heartbeat.start();
      // Never this node's own jobs (an upload held before serving started).
      const interrupted = await requeueStale(deps.soleNode === true);
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
      await heartbeat.stop();
      await draining;
    },
  };
}

/**
 * Calls `beat` every `intervalMs` once started, one call at a time (a slow database skips beats
 * rather than piling them up); a failed beat is logged and the next one tried. The timer does not
 * keep the process alive.
 */
function createHeartbeat(options: {
  intervalMs: number;
  logger: Logger;
  beat: () => Promise<void>;
}): { start(): void; stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let beating: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    beating ??= options
      .beat()
      .catch((err: unknown) => options.logger.warn({ err }, 'ingest job heartbeat failed'))
      .finally(() => {
        beating = undefined;
      });
  };
  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await beating;
    },
  };
}
