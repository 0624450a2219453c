import { preparedOnce, type Db, type Statement } from './db.js';

export interface AuditEntry {
  id: number;
  moderatorId: number | null;
  moderatorName: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  at: number;
}

interface AuditRow {
  id: number;
  moderator_id: number | null;
  moderator_name: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  at: number;
}

/** Append-only log of moderator actions: who, what, on what, when, the state before and after. */
export class AuditLog {
  private readonly sql: (text: string) => Statement;

  constructor(db: Db) {
    this.sql = preparedOnce(db);
  }

  record(entry: Omit<AuditEntry, 'id'>): AuditEntry {
    const result = this.sql(
      'INSERT INTO mod_audit_log (moderator_id, moderator_name, action, target, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      entry.moderatorId,
      entry.moderatorName,
      entry.action,
      entry.target,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.at,
    );
    return { ...entry, id: Number(result.lastInsertRowid) };
  }

  /** Newest first. */
  list(limit = 100): AuditEntry[] {
    const rows = this.sql('SELECT * FROM mod_audit_log ORDER BY id DESC LIMIT ?').all(
      limit,
    ) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      moderatorId: r.moderator_id,
      moderatorName: r.moderator_name,
      action: r.action,
      target: r.target,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      at: r.at,
    }));
  }
}
