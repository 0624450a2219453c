import path from 'node:path';
import type { Config } from '../config/config.js';
import { createApiKeyRepository, type ApiKeyRepository } from './api-keys.js';
import { createAnswerRepository, type AnswerRepository } from './chat-answers.js';
import { createConversationRepository, type ConversationRepository } from './chat-conversations.js';
import { createClaimImageRepository, type ClaimImageRepository } from './claim-images.js';
import { createClientHasher, persistedSecret } from './client-hash.js';
import { openDb } from './db.js';
import { createIngestJobRepository, type IngestJobRepository } from './ingest-jobs.js';
import { migrations } from './migrations.js';
import { createModeratorRepository, type ModeratorRepository } from './moderation-accounts.js';
import { createAuditRepository, type AuditRepository } from './moderation-audit.js';
import { createBotRepository, type BotRepository } from './moderation-bots.js';
import { createClusterRepository, type ClusterRepository } from './moderation-clusters.js';
import { createCuratedRepository, type CuratedRepository } from './moderation-curated.js';
import {
  createPendingCorrectionRepository,
  type PendingCorrectionRepository,
} from './moderation-pending-corrections.js';
import { migratePg } from './postgres/pg-migrate.js';
import { pgMigrations } from './postgres/pg-migrations.js';
import { createPgSql } from './postgres/pg-sql.js';
import type { Dialect, Sql } from './sql.js';
import { createSqliteSql } from './sqlite-sql.js';

/** Every repository of the service, over one database and (inside `transaction`) one transaction. */
export interface Repositories {
  answers: AnswerRepository;
  conversations: ConversationRepository;
  apiKeys: ApiKeyRepository;
  claimImages: ClaimImageRepository;
  moderators: ModeratorRepository;
  audit: AuditRepository;
  bots: BotRepository;
  clusters: ClusterRepository;
  curated: CuratedRepository;
  /** Payloads are JSON objects; their reader gives them their type. */
  pendingCorrections: PendingCorrectionRepository<object>;
  ingestJobs: IngestJobRepository;
}

/**
 * The service's database, SQLite's file or PostgreSQL's (DATABASE_URL), behind one set of
 * repositories: server, moderation, bots and CLI see no difference.
 */
export interface Store extends Repositories {
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: what it writes through the repositories it is given is
   * stored all together or not at all (an answer and its outbox row, a claim and its cluster).
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Salted hash of a client identifier; what the tables keep instead of the identifier. */
  clientHash: (raw: string) => string;
  /** The key client tokens are signed with unless CLIENT_TOKEN_SECRET is set (kept in the db). */
  clientTokenSecret: string;
  close(): Promise<void>;
}

export function createRepositories(sql: Sql): Repositories {
  return {
    answers: createAnswerRepository(sql),
    conversations: createConversationRepository(sql),
    apiKeys: createApiKeyRepository(sql),
    claimImages: createClaimImageRepository(sql),
    moderators: createModeratorRepository(sql),
    audit: createAuditRepository(sql),
    bots: createBotRepository(sql),
    clusters: createClusterRepository(sql),
    curated: createCuratedRepository(sql),
    pendingCorrections: createPendingCorrectionRepository(sql),
    ingestJobs: createIngestJobRepository(sql),
  };
}

/** The store over a migrated database. */
export async function createStore(sql: Sql): Promise<Store> {
  return {
    dialect: sql.dialect,
    ...createRepositories(sql),
    transaction: (work) => sql.transaction((tx) => work(createRepositories(tx))),
    clientHash: await createClientHasher(sql),
    clientTokenSecret: await persistedSecret(sql, 'client_token_secret'),
    close: () => sql.close(),
  };
}

/** The service's one SQLite file, under the data folder. */
export const serviceDbFile = (config: Pick<Config, 'DATA_DIR'>): string =>
  path.join(config.DATA_DIR, 'factcheck.sqlite');

export type StoreConfig = Pick<Config, 'DATA_DIR'> &
  Partial<Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX'>>;

/**
 * Opens the service database with every migration applied (server and CLI share it):
 * PostgreSQL when DATABASE_URL is set, else the SQLite file under DATA_DIR.
 */
export async function openStore(
  config: StoreConfig,
  options: { onPoolError?: (err: Error) => void } = {},
): Promise<Store> {
  if (!config.DATABASE_URL) {
    return createStore(createSqliteSql(openDb(serviceDbFile(config), migrations)));
  }
  const sql = createPgSql({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX ?? 10,
    ...(options.onPoolError ? { onPoolError: options.onPoolError } : {}),
  });
  try {
    await migratePg(sql.pool, pgMigrations);
    return await createStore(sql);
  } catch (err) {
    await sql.close();
    throw err;
  }
}

export type { StoredAnswer, FeedbackCounts, FeedbackVote } from './chat-answers.js';
export type { ChatMessage, StoredReply, MessageKind } from './chat-conversations.js';
export type { ApiKey } from './api-keys.js';

/** Runs `work` on the configured store, closing it afterwards (what one CLI command needs). */
export async function withStore<T>(
  config: StoreConfig,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(config);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
