import type { Sql } from './sql.js';

/**
 * Corrections for widget users who were offline (table mod_pending_corrections), delivered on
 * their next visit. Typed by the caller: the store keeps the payload as JSON.
 */
export interface PendingCorrectionRepository<T extends object> {
  add(conversationId: string, payload: T, now: number): Promise<void>;
  /** Takes the undelivered corrections of a conversation, marking them delivered. */
  take(conversationId: string, now: number): Promise<T[]>;
}

export function createPendingCorrectionRepository<T extends object>(
  sql: Sql,
): PendingCorrectionRepository<T> {
  return {
    async add(conversationId, payload, now) {
      await sql.run(
        'INSERT INTO mod_pending_corrections (conversation_id, payload, created_at) VALUES (?, ?, ?)',
        [conversationId, JSON.stringify(payload), now],
      );
    },
    async take(conversationId, now) {
      // Marked and read in one statement: two nodes taking at once cannot both deliver one.
      const rows = await sql.all<{ id: number; payload: string }>(
        `UPDATE mod_pending_corrections SET delivered_at = ?
         WHERE conversation_id = ? AND delivered_at IS NULL RETURNING id, payload`,
        [now, conversationId],
      );
      return rows.sort((a, b) => a.id - b.id).map((r) => JSON.parse(r.payload) as T);
    },
  };
}
