import type { Db } from './db.js';

/**
 * Corrections for widget users who were offline (table mod_pending_corrections), delivered on
 * their next visit. Typed by the caller: the store keeps the payload as JSON.
 */
export class PendingCorrections<T extends object> {
  private readonly insert;
  private readonly undelivered;
  private readonly markDelivered;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO mod_pending_corrections (conversation_id, payload, created_at) VALUES (?, ?, ?)',
    );
    this.undelivered = db.prepare(
      `SELECT id, payload FROM mod_pending_corrections
       WHERE conversation_id = ? AND delivered_at IS NULL ORDER BY id`,
    );
    this.markDelivered = db.prepare(
      'UPDATE mod_pending_corrections SET delivered_at = ? WHERE id = ?',
    );
  }

  add(conversationId: string, payload: T, now: number): void {
    this.insert.run(conversationId, JSON.stringify(payload), now);
  }

  /** Takes the undelivered corrections of a conversation, marking them delivered. */
  take(conversationId: string, now: number): T[] {
    return this.db.transaction(() => {
      const rows = this.undelivered.all(conversationId) as { id: number; payload: string }[];
      for (const r of rows) this.markDelivered.run(now, r.id);
      return rows.map((r) => JSON.parse(r.payload) as T);
    })();
  }
}
