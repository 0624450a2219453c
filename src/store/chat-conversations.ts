import type { CheckResult } from '../types.js';
import type { Sql } from './sql.js';

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

/** Conversations and their messages; a message id given twice is stored once. */
export interface ConversationRepository {
  /**
   * Creates the conversation, owned by `clientHash`, when new; touches it otherwise. Returns
   * the owner it has (null for a conversation stored without one).
   */
  ensure(conversationId: string, clientHash: string | null): Promise<string | null>;
  /** The hashed client owning the conversation: undefined when there is no such conversation. */
  owner(conversationId: string): Promise<string | null | undefined>;
  /** Whether the hashed client owns at least one conversation. */
  ownsAny(clientHash: string): Promise<boolean>;
  /** Adds a message; `isNew` is false when this message id was already in the conversation. */
  add(
    conversationId: string,
    messageId: string,
    text: string,
    kind: MessageKind,
  ): Promise<{ isNew: boolean; message: ChatMessage }>;
  get(conversationId: string, messageId: string): Promise<ChatMessage | undefined>;
  /** Records the reply a message got. */
  complete(conversationId: string, messageId: string, reply: StoredReply): Promise<void>;
  /** The latest `limit` messages, oldest first. */
  history(conversationId: string, limit?: number): Promise<ChatMessage[]>;
  /** The most recent answered claim of the conversation (what a follow-up expands). */
  lastAnsweredClaim(conversationId: string): Promise<ChatMessage | undefined>;
}

interface MessageRow {
  id: number;
  client_message_id: string;
  conversation_id: string;
  text: string;
  kind: MessageKind;
  answer_id: string | null;
  reply: string | null;
  answer_result: string | null;
  created_at: number;
  answered_at: number | null;
}

/**
 * A follow-up's reply (an expansion) is stored with the message; a claim's reply is the stored
 * answer's result with its id, composed here rather than written twice (rows written before
 * this kept it in `reply`, which still wins).
 */
function replyOf(r: MessageRow): StoredReply | null {
  if (r.reply !== null) return JSON.parse(r.reply) as StoredReply;
  if (r.answer_result === null || r.answer_id === null) return null;
  return { ...(JSON.parse(r.answer_result) as CheckResult), answerId: r.answer_id };
}

const fromRow = (r: MessageRow): ChatMessage => ({
  id: r.client_message_id,
  conversationId: r.conversation_id,
  text: r.text,
  kind: r.kind,
  answerId: r.answer_id,
  reply: replyOf(r),
  createdAt: r.created_at,
  answeredAt: r.answered_at,
});

const MESSAGES = `SELECT m.id, m.client_message_id, m.conversation_id, m.text, m.kind, m.answer_id,
    m.reply, a.result AS answer_result, m.created_at, m.answered_at
  FROM chat_messages m LEFT JOIN chat_answers a ON a.id = m.answer_id`;

export function createConversationRepository(sql: Sql): ConversationRepository {
  const message = async (conversationId: string, messageId: string) => {
    const row = await sql.get<MessageRow>(
      `${MESSAGES} WHERE m.conversation_id = ? AND m.client_message_id = ?`,
      [conversationId, messageId],
    );
    return row && fromRow(row);
  };
  return {
    async ensure(conversationId, clientHash) {
      const now = Date.now();
      // The owner is set once, by whoever creates the conversation; RETURNING gives the one it has.
      const row = await sql.get<{ client_hash: string | null }>(
        `INSERT INTO chat_conversations (id, client_hash, created_at, updated_at)
         VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
         RETURNING client_hash`,
        [conversationId, clientHash, now, now],
      );
      return row!.client_hash;
    },
    async owner(conversationId) {
      const row = await sql.get<{ client_hash: string | null }>(
        'SELECT client_hash FROM chat_conversations WHERE id = ?',
        [conversationId],
      );
      return row?.client_hash;
    },
    async ownsAny(clientHash) {
      const row = await sql.get(
        'SELECT 1 AS one FROM chat_conversations WHERE client_hash = ? LIMIT 1',
        [clientHash],
      );
      return row !== undefined;
    },
    async add(conversationId, messageId, text, kind) {
      const { changes } = await sql.run(
        `INSERT INTO chat_messages (conversation_id, client_message_id, text, kind, created_at)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT (conversation_id, client_message_id) DO NOTHING`,
        [conversationId, messageId, text, kind, Date.now()],
      );
      return { isNew: changes === 1, message: (await message(conversationId, messageId))! };
    },
    get: message,
    async complete(conversationId, messageId, reply) {
      // A claim's reply is its stored answer: kept once, in chat_answers (see replyOf).
      await sql.run(
        `UPDATE chat_messages SET answer_id = ?,
           reply = CASE WHEN kind = 'claim' THEN NULL ELSE ? END, answered_at = ?
         WHERE conversation_id = ? AND client_message_id = ?`,
        [reply.answerId, JSON.stringify(reply), Date.now(), conversationId, messageId],
      );
    },
    async history(conversationId, limit = 200) {
      const rows = await sql.all<MessageRow>(
        `SELECT * FROM (${MESSAGES} WHERE m.conversation_id = ? ORDER BY m.id DESC LIMIT ?) h
         ORDER BY h.id`,
        [conversationId, limit],
      );
      return rows.map(fromRow);
    },
    async lastAnsweredClaim(conversationId) {
      const row = await sql.get<MessageRow>(
        `${MESSAGES} WHERE m.conversation_id = ? AND m.kind = 'claim' AND m.answer_id IS NOT NULL
         ORDER BY m.id DESC LIMIT 1`,
        [conversationId],
      );
      return row && fromRow(row);
    },
  };
}
