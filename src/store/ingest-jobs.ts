import { preparedOnce, type Db, type Statement } from './db.js';

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

/**
 * Ingest jobs as a persisted queue (table mod_ingest_jobs): a job is recorded before its file is
 * put in place, so a process killed at any point leaves a pending or running job that the next
 * start runs again (ingesting is idempotent: unchanged files are skipped by hash).
 */
export class IngestJobRepository {
  private readonly sql: (text: string) => Statement;

  constructor(private readonly db: Db) {
    this.sql = preparedOnce(db);
  }

  add(job: Pick<IngestJob, 'id' | 'action' | 'file' | 'createdAt'>): IngestJob {
    this.sql(
      `INSERT INTO mod_ingest_jobs (id, action, file, status, created_at)
       VALUES (?, ?, ?, 'pending', ?)`,
    ).run(job.id, job.action, job.file, job.createdAt);
    return this.get(job.id)!;
  }

  get(id: string): IngestJob | undefined {
    const row = this.sql('SELECT * FROM mod_ingest_jobs WHERE id = ?').get(id) as
      JobRow | undefined;
    return row && toJob(row);
  }

  /** Jobs waiting to run, oldest first. */
  pending(): IngestJob[] {
    const rows = this.sql(
      `SELECT * FROM mod_ingest_jobs WHERE status = 'pending' ORDER BY created_at, rowid`,
    ).all() as JobRow[];
    return rows.map(toJob);
  }

  /** Jobs a stopped process left running go back to pending; returns how many. */
  requeueInterrupted(): number {
    return this.sql(
      `UPDATE mod_ingest_jobs SET status = 'pending', started_at = NULL WHERE status = 'running'`,
    ).run().changes;
  }

  markRunning(ids: readonly string[], at: number): void {
    this.update(ids, (id) =>
      this.sql(`UPDATE mod_ingest_jobs SET status = 'running', started_at = ? WHERE id = ?`).run(
        at,
        id,
      ),
    );
  }

  finish(ids: readonly string[], status: 'done' | 'failed', outcome: unknown, at: number): void {
    const json = JSON.stringify(outcome);
    this.update(ids, (id) =>
      this.sql(
        'UPDATE mod_ingest_jobs SET status = ?, outcome = ?, finished_at = ? WHERE id = ?',
      ).run(status, json, at, id),
    );
  }

  /** The newest job about a document (`uploads/<name>`), whatever its status. */
  latestFor(file: string): IngestJob | undefined {
    const row = this.sql(
      'SELECT * FROM mod_ingest_jobs WHERE file = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ).get(file) as JobRow | undefined;
    return row && toJob(row);
  }

  private update(ids: readonly string[], run: (id: string) => unknown): void {
    this.db.transaction(() => ids.forEach(run))();
  }
}
