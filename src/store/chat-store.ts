import path from 'node:path';
import type { Config } from '../config/config.js';
import { createApiKeyRepository, type ApiKeyRepository } from './api-keys.js';
import { createAnswerRepository, type AnswerRepository } from './chat-answers.js';
import { createConversationRepository, type ConversationRepository } from './chat-conversations.js';
import { createClientHasher, persistedSecret } from './client-hash.js';
import { openDb, type Db } from './db.js';
import { migrations } from './migrations.js';

/** The service's one SQLite file, under the data folder. */
export const serviceDbFile = (config: Pick<Config, 'DATA_DIR'>): string =>
  path.join(config.DATA_DIR, 'factcheck.sqlite');

/** Opens the service database with every migration applied (server and CLI share it). */
export const openServiceDb = (config: Pick<Config, 'DATA_DIR'>): Db =>
  openDb(serviceDbFile(config), migrations);

/** The chat's typed repositories over one database. */
export interface ChatStore {
  db: Db;
  answers: AnswerRepository;
  conversations: ConversationRepository;
  apiKeys: ApiKeyRepository;
  /** Salted hash of a client identifier; what the tables keep instead of the identifier. */
  clientHash: (raw: string) => string;
  /** The key client tokens are signed with unless CLIENT_TOKEN_SECRET is set (kept in the db). */
  clientTokenSecret: string;
}

export function createChatStore(db: Db): ChatStore {
  return {
    db,
    answers: createAnswerRepository(db),
    conversations: createConversationRepository(db),
    apiKeys: createApiKeyRepository(db),
    clientHash: createClientHasher(db),
    clientTokenSecret: persistedSecret(db, 'client_token_secret'),
  };
}
export type { StoredAnswer, FeedbackCounts, FeedbackVote } from './chat-answers.js';
export type { ChatMessage, StoredReply, MessageKind } from './chat-conversations.js';
export type { ApiKey } from './api-keys.js';
