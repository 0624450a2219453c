import type { CheckResult } from '../types.js';
import type { Db } from './db.js';

export type MessageKind = 'claim' | 'follow-up';

/** What the server replied to a message: a check result (or an expansion of one) and its id. */
export type StoredReply = CheckResult & { answerId: string };

/** A user's message in a conversation, with the reply it got once answered. */
export interface ChatMessage {
  /** The client's message id (unique within its conversation). */
  id: string;
  conversationId: string;
  text: string;
  kind: MessageKind;
  answerId: string | null;
  reply: StoredReply | null;
  createdAt: number;
  answeredAt: number | null;
}

interface MessageRow {
  client_message_id: string;
  conversation_id: string;
  text: string;
  kind: MessageKind;
  answer_id: string | null;
  reply: string | null;
  created_at: number;
  answered_at: number | null;
}

const fromRow = (r: MessageRow): ChatMessage => ({
  id: r.client_message_id,
  conversationId: r.conversation_id,
  text: r.text,
  kind: r.kind,
  answerId: r.answer_id,
  reply: r.reply === null ? null : (JSON.parse(r.reply) as StoredReply),
  createdAt: r.created_at,
  answeredAt: r.answered_at,
});

/**
 * Messages with their replies. A follow-up's reply (an expansion) is stored with the message; a
 * claim's reply is the stored answer's result with its id, composed here rather than written
 * twice (rows written before this kept it in `reply`, which still wins).
 */
const MESSAGES = `SELECT m.id, m.client_message_id, m.conversation_id, m.text, m.kind, m.answer_id,
    COALESCE(m.reply, json_set(a.result, '$.answerId', a.id)) AS reply, m.created_at,
    m.answered_at
  FROM chat_messages m LEFT JOIN chat_answers a ON a.id = m.answer_id`;

/** Conversations and their messages; a message id given twice is stored once. */
export function createConversationRepository(db: Db) {
  // The owner is set once, by whoever creates the conversation; RETURNING gives the one it has.
  const ensure =
    db.prepare(`INSERT INTO chat_conversations (id, client_hash, created_at, updated_at)
    VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
    RETURNING client_hash`);
  const owner = db.prepare('SELECT client_hash FROM chat_conversations WHERE id = ?');
  const ownsAny = db.prepare('SELECT 1 FROM chat_conversations WHERE client_hash = ? LIMIT 1');
  const insertMessage = db.prepare(`INSERT OR IGNORE INTO chat_messages
    (conversation_id, client_message_id, text, kind, created_at) VALUES (?, ?, ?, ?, ?)`);
  const message = db.prepare(`${MESSAGES} WHERE m.conversation_id = ? AND m.client_message_id = ?`);
  // A claim's reply is its stored answer: kept once, in chat_answers (see MESSAGES).
  const complete = db.prepare(`UPDATE chat_messages SET answer_id = ?,
    reply = CASE WHEN kind = 'claim' THEN NULL ELSE ? END, answered_at = ?
    WHERE conversation_id = ? AND client_message_id = ?`);
  const history = db.prepare(`SELECT * FROM (${MESSAGES} WHERE m.conversation_id = ?
    ORDER BY m.id DESC LIMIT ?) ORDER BY id`);
  const lastClaim = db.prepare(`${MESSAGES} WHERE m.conversation_id = ?
    AND m.kind = 'claim' AND m.answer_id IS NOT NULL ORDER BY m.id DESC LIMIT 1`);

  return {
    /**
     * Creates the conversation, owned by `clientHash`, when new; touches it otherwise. Returns
     * the owner it has (null for a conversation stored without one).
     */
    ensure(conversationId: string, clientHash: string | null): string | null {
      const now = Date.now();
      const row = ensure.get(conversationId, clientHash, now, now) as {
        client_hash: string | null;
      };
      return row.client_hash;
    },
    /** The hashed client owning the conversation: undefined when there is no such conversation. */
    owner(conversationId: string): string | null | undefined {
      const row = owner.get(conversationId) as { client_hash: string | null } | undefined;
      return row?.client_hash;
    },
    /** Whether the hashed client owns at least one conversation. */
    ownsAny(clientHash: string): boolean {
      return ownsAny.get(clientHash) !== undefined;
    },
    /** Adds a message; `isNew` is false when this message id was already in the conversation. */
    add(
      conversationId: string,
      messageId: string,
      text: string,
      kind: MessageKind,
    ): { isNew: boolean; message: ChatMessage } {
      const info = insertMessage.run(conversationId, messageId, text, kind, Date.now());
      const row = message.get(conversationId, messageId) as MessageRow;
      return { isNew: info.changes === 1, message: fromRow(row) };
    },
    get(conversationId: string, messageId: string): ChatMessage | undefined {
      const row = message.get(conversationId, messageId) as MessageRow | undefined;
      return row && fromRow(row);
    },
    /** Records the reply a message got. */
    complete(conversationId: string, messageId: string, reply: StoredReply): void {
      complete.run(reply.answerId, JSON.stringify(reply), Date.now(), conversationId, messageId);
    },
    /** The latest `limit` messages, oldest first. */
    history(conversationId: string, limit = 200): ChatMessage[] {
      return (history.all(conversationId, limit) as MessageRow[]).map(fromRow);
    },
    /** The most recent answered claim of the conversation (what a follow-up expands). */
    lastAnsweredClaim(conversationId: string): ChatMessage | undefined {
      const row = lastClaim.get(conversationId) as MessageRow | undefined;
      return row && fromRow(row);
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
