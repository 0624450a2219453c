import type { Migration } from './db.js';

/**
 * Chat tables: conversations, their messages, every answer (with the index version that made it),
 * feedback votes and API keys. Clients are stored as salted hashes, never as IP addresses.
 */
export const chatMigrations: Migration[] = [
  {
    name: 'chat-001-conversations-answers-feedback',
    up: `
      CREATE TABLE chat_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE chat_conversations (
        id TEXT PRIMARY KEY,
        client_hash TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE chat_answers (
        id TEXT PRIMARY KEY,
        conversation_id TEXT REFERENCES chat_conversations(id),
        channel TEXT NOT NULL,
        client_hash TEXT,
        claim TEXT NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO')),
        confidence REAL NOT NULL,
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        result TEXT NOT NULL,
        index_version TEXT NOT NULL,
        latency_ms INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX chat_answers_by_time ON chat_answers (created_at);
      CREATE TABLE chat_messages (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES chat_conversations(id),
        client_message_id TEXT NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'follow-up')),
        answer_id TEXT REFERENCES chat_answers(id),
        reply TEXT,
        created_at INTEGER NOT NULL,
        answered_at INTEGER,
        UNIQUE (conversation_id, client_message_id)
      );
      CREATE TABLE chat_feedback (
        id INTEGER PRIMARY KEY,
        answer_id TEXT NOT NULL REFERENCES chat_answers(id),
        client_hash TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        reason TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (answer_id, client_hash)
      );
      CREATE TABLE chat_api_keys (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        key_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER
      );`,
  },
  {
    // Conversations are looked up by owner (a client's older conversations prove it is theirs);
    // each vote keeps the hashed address it came from, for the per-address cap on voters.
    name: 'chat-002-conversation-owners-vote-addresses',
    up: `
      CREATE INDEX chat_conversations_by_client ON chat_conversations (client_hash);
      ALTER TABLE chat_feedback ADD COLUMN address_hash TEXT;
      CREATE INDEX chat_feedback_by_address ON chat_feedback (answer_id, address_hash);`,
  },
  {
    // Citations are read from the stored result; the column only repeated them (issue 11).
    name: 'chat-003-drop-answer-citations',
    up: 'ALTER TABLE chat_answers DROP COLUMN citations;',
  },
];
