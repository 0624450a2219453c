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
}

/**
 * Ingest jobs as a persisted queue (table mod_ingest_jobs): a job is recorded before its file is
 * put in place, so a process killed at any point leaves a pending or running job that the next
 * start runs again (ingesting is idempotent: unchanged files are skipped by hash).
 */
export interface IngestJobRepository {
  /**
   * Records a job, pending; or, `held`, marked running until `release` makes it pending (while
   * its file is put in place: no node may run it before, and a start after a crash requeues it).
   */
  add(
    job: Pick<IngestJob, 'id' | 'action' | 'file' | 'createdAt'>,
    held?: boolean,
  ): Promise<IngestJob>;
  /** A held job becomes pending. */
  release(id: string): Promise<void>;
  get(id: string): Promise<IngestJob | undefined>;
  /** Jobs waiting to run, oldest first. */
  pending(): Promise<IngestJob[]>;
  /** Jobs a stopped process left running go back to pending; returns how many. */
  requeueInterrupted(): Promise<number>;
  /**
   * Marks these jobs running if they are still pending, and returns those it marked: when two
   * nodes drain at once over one database, each job runs on one of them.
   */
  claim(ids: readonly string[], at: number): Promise<string[]>;
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
});

const COLUMNS = 'id, action, file, status, outcome, created_at, started_at, finished_at';

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
    async add(job, held = false) {
      await sql.run(
        `INSERT INTO mod_ingest_jobs (id, action, file, status, created_at)
         VALUES (?, ?, ?, ?, ?)`,
        [job.id, job.action, job.file, held ? 'running' : 'pending', job.createdAt],
      );
      return (await get(job.id))!;
    },
    get,
    async release(id) {
      await sql.run(
        `UPDATE mod_ingest_jobs SET status = 'pending' WHERE id = ? AND status = 'running'`,
        [id],
      );
    },
    async pending() {
      const rows = await sql.all<JobRow>(
        `SELECT ${COLUMNS} FROM mod_ingest_jobs WHERE status = 'pending' ORDER BY created_at, ${order}`,
      );
      return rows.map(toJob);
    },
    async requeueInterrupted() {
      const { changes } = await sql.run(
        `UPDATE mod_ingest_jobs SET status = 'pending', started_at = NULL WHERE status = 'running'`,
      );
      return changes;
    },
    claim: (ids, at) =>
      sql.transaction(async (tx) => {
        const claimed: string[] = [];
        for (const id of ids) {
          const { changes } = await tx.run(
            `UPDATE mod_ingest_jobs SET status = 'running', started_at = ?
             WHERE id = ? AND status = 'pending'`,
            [at, id],
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
