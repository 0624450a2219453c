import type { Sql } from './sql.js';

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

/** Append-only log of moderator actions: who, what, on what, when, the state before and after. */
export interface AuditRepository {
  record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** Newest first. */
  list(limit?: number): Promise<AuditEntry[]>;
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

export function createAuditRepository(sql: Sql): AuditRepository {
  return {
    async record(entry) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO mod_audit_log (moderator_id, moderator_name, action, target, before, after, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          entry.moderatorId,
          entry.moderatorName,
          entry.action,
          entry.target,
          entry.before === undefined ? null : JSON.stringify(entry.before),
          entry.after === undefined ? null : JSON.stringify(entry.after),
          entry.at,
        ],
      );
      return { ...entry, id: row!.id };
    },
    async list(limit = 100) {
      const rows = await sql.all<AuditRow>(
        `SELECT id, moderator_id, moderator_name, action, target, before, after, at
         FROM mod_audit_log ORDER BY id DESC LIMIT ?`,
        [limit],
      );
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
    },
  };
}
