import { insertionOrder, type Sql } from './sql.js';

/** What a job brings into the index: an upload, a removal, or the whole folder (SIGHUP). */
export type IngestAction = 'upload' | 'removal' | 'reload';
export type IngestJobStatus = 'pending' | 'running' | 'done' | 'failed';

export interface IngestJob {
  id: string;
  action: IngestAction;
  /** The document's path in the knowledge folder (`uploads/<name>`); null for a reload. */
  file: string | null;
  status: IngestJobStatus;
  /** What the finished run reported (counts), or its coded error. */
  outcome: unknown;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The runner (one per process) running or holding the job; null while it waits. */
  runner: string | null;
  /** When that runner last said it still runs or holds the job. */
  heartbeatAt: number | null;
}

/**
 * Ingest jobs as a persisted queue (table mod_ingest_jobs): a job is recorded before its file is
 * put in place, so a process killed at any point leaves a pending or running job that is run
 * again (ingesting is idempotent: unchanged files are skipped by hash). A running job carries its
 * runner and a heartbeat, so that only the jobs of a runner gone quiet are run again elsewhere.
 */
export interface IngestJobRepository {
  /**
   * Records a job, pending; or, held by `holder`, marked running (with a heartbeat) until
   * `release` makes it pending: no node may run it while its file is put in place.
   */
  add(
    job: Pick<IngestJob, 'id' | 'action' | 'file' | 'createdAt'>,
    holder?: string,
  ): Promise<IngestJob>;
  /** A job held by `holder` becomes pending (not one requeued meanwhile and run elsewhere). */
  release(id: string, holder: string): Promise<void>;
  get(id: string): Promise<IngestJob | undefined>;
  /** Jobs waiting to run, oldest first. */
  pending(): Promise<IngestJob[]>;
  /** The runner still runs or holds its running jobs, as of `at`. */
  heartbeat(runner: string, at: number): Promise<void>;
  /**
   * Running jobs whose heartbeat is older than `staleBefore`, or that have none (recorded before
   * heartbeats), go back to pending, in one statement: when several nodes ask at once, each job
   * is requeued once. Never those of `exceptRunner` (the asking node's own). Returns their ids.
   */
  requeueInterrupted(staleBefore: number, exceptRunner?: string): Promise<string[]>;
  /**
   * Marks these jobs running by `runner` if they are still pending, and returns those it marked:
   * when two nodes drain at once over one database, each job runs on one of them.
   */
  claim(ids: readonly string[], at: number, runner: string): Promise<string[]>;
  finish(
    ids: readonly string[],
    status: 'done' | 'failed',
    outcome: unknown,
    at: number,
  ): Promise<void>;
  /** The newest job about a document (`uploads/<name>`), whatever its status. */
  latestFor(file: string): Promise<IngestJob | undefined>;
}

interface JobRow {
  id: string;
  action: IngestAction;
  file: string | null;
  status: IngestJobStatus;
  outcome: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  runner: string | null;
  heartbeat_at: number | null;
}

const toJob = (r: JobRow): IngestJob => ({
  id: r.id,
  action: r.action,
  file: r.file,
  status: r.status,
  outcome: r.outcome === null ? null : JSON.parse(r.outcome),
  createdAt: r.created_at,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  runner: r.runner,
  heartbeatAt: r.heartbeat_at,
});

const COLUMNS =
  'id, action, file, status, outcome, created_at, started_at, finished_at, runner, heartbeat_at';

export function createIngestJobRepository(sql: Sql): IngestJobRepository {
  const order = insertionOrder(sql);
  const get = async (id: string) => {
    const row = await sql.get<JobRow>(`SELECT ${COLUMNS} FROM mod_ingest_jobs WHERE id = ?`, [id]);
    return row && toJob(row);
  };
  /** The same change to several jobs, all or none. */
  const update = (
    ids: readonly string[],
    text: string,
    params: (id: string) => (string | number)[],
  ) =>
    sql.transaction(async (tx) => {
      for (const id of ids) await tx.run(text, params(id));
    });
  return {
    async add(job, holder) {
      await sql.run(
        `INSERT INTO mod_ingest_jobs (id, action, file, status, created_at, runner, heartbeat_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [
          job.id,
          job.action,
          job.file,
          holder ? 'running' : 'pending',
          job.createdAt,
          holder ?? null,
          holder ? job.createdAt : null,
        ],
      );
      return (await get(job.id))!;
    },
    get,
    async release(id, holder) {
      await sql.run(
        `UPDATE mod_ingest_jobs SET status = 'pending', runner = NULL, heartbeat_at = NULL
         WHERE id = ? AND status = 'running' AND runner = ?`,
        [id, holder],
      );
    },
    async pending() {
      const rows = await sql.all<JobRow>(
        `SELECT ${COLUMNS} FROM mod_ingest_jobs WHERE status = 'pending' ORDER BY created_at, ${order}`,
      );
      return rows.map(toJob);
    },
    async heartbeat(runner, at) {
      await sql.run(
        `UPDATE mod_ingest_jobs SET heartbeat_at = ? WHERE status = 'running' AND runner = ?`,
        [at, runner],
      );
    },
    async requeueInterrupted(staleBefore, exceptRunner = '') {
      // One statement: PostgreSQL rechecks the condition on a row another node has just
      // requeued (or beaten), so it is requeued once, and never right after a heartbeat.
      const rows = await sql.all<{ id: string }>(
        `UPDATE mod_ingest_jobs
         SET status = 'pending', started_at = NULL, runner = NULL, heartbeat_at = NULL
         WHERE status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < ?)
           AND (runner IS NULL OR runner <> ?)
         RETURNING id`,
        [staleBefore, exceptRunner],
      );
      return rows.map((r) => r.id);
    },
    claim: (ids, at, runner) =>
      sql.transaction(async (tx) => {
        const claimed: string[] = [];
        for (const id of ids) {
          const { changes } = await tx.run(
            `UPDATE mod_ingest_jobs SET status = 'running', started_at = ?, runner = ?, heartbeat_at = ?
             WHERE id = ? AND status = 'pending'`,
            [at, runner, at, id],
          );
          if (changes === 1) claimed.push(id);
        }
        return claimed;
      }),
    finish(ids, status, outcome, at) {
      const json = JSON.stringify(outcome);
      return update(
        ids,
        'UPDATE mod_ingest_jobs SET status = ?, outcome = ?, finished_at = ? WHERE id = ?',
        (id) => [status, json, at, id],
      );
    },
    async latestFor(file) {
      const row = await sql.get<JobRow>(
        `SELECT ${COLUMNS} FROM mod_ingest_jobs WHERE file = ?
         ORDER BY created_at DESC, ${order} DESC LIMIT 1`,
        [file],
      );
      return row && toJob(row);
    },
  };
}
