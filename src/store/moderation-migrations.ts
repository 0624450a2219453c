import type { Migration } from './db.js';

/**
 * Moderation tables. Claims are referred to by the chat store's answer id (text, no foreign key)
 * so the two modules can migrate independently.
 */
export const moderationMigrations: Migration[] = [
  {
    name: 'mod-001-moderators-and-sessions',
    up: `
      CREATE TABLE mod_moderators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('moderator', 'admin')),
        created_at INTEGER NOT NULL
      );
      CREATE TABLE mod_sessions (
        token_hash TEXT PRIMARY KEY,
        moderator_id INTEGER NOT NULL REFERENCES mod_moderators(id) ON DELETE CASCADE,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );`,
  },
  {
    name: 'mod-002-clusters-and-curated-answers',
    up: `
      CREATE TABLE mod_clusters (
        id TEXT PRIMARY KEY,
        representative TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_asked_at INTEGER NOT NULL
      );
      CREATE TABLE mod_cluster_claims (
        id INTEGER PRIMARY KEY,
        cluster_id TEXT NOT NULL REFERENCES mod_clusters(id),
        answer_id TEXT,
        text TEXT NOT NULL,
        channel TEXT NOT NULL,
        asker TEXT,
        asked_at INTEGER NOT NULL,
        similarity REAL NOT NULL,
        verdict TEXT,
        confidence REAL,
        curated_id INTEGER,
        features TEXT NOT NULL
      );
      CREATE INDEX mod_cluster_claims_by_cluster ON mod_cluster_claims (cluster_id, asked_at);
      CREATE INDEX mod_cluster_claims_by_answer ON mod_cluster_claims (answer_id);
      CREATE TABLE mod_curated_answers (
        id INTEGER PRIMARY KEY,
        cluster_id TEXT NOT NULL REFERENCES mod_clusters(id),
        verdict TEXT NOT NULL CHECK (verdict IN ('SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO')),
        answer TEXT NOT NULL,
        citations TEXT NOT NULL,
        moderator_id INTEGER NOT NULL REFERENCES mod_moderators(id),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX mod_curated_by_cluster ON mod_curated_answers (cluster_id, id);
      CREATE TABLE mod_pending_corrections (
        id INTEGER PRIMARY KEY,
        conversation_id TEXT NOT NULL,
        payload TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE INDEX mod_pending_by_conversation ON mod_pending_corrections (conversation_id, delivered_at);`,
  },
  {
    name: 'mod-003-audit-log',
    up: `
      CREATE TABLE mod_audit_log (
        id INTEGER PRIMARY KEY,
        moderator_id INTEGER,
        moderator_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT,
        after TEXT,
        at INTEGER NOT NULL
      );`,
  },
  {
    name: 'mod-004-bots-and-deliveries',
    up: `
      CREATE TABLE mod_bots (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE mod_deliveries (
        id INTEGER PRIMARY KEY,
        bot_id INTEGER NOT NULL REFERENCES mod_bots(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('answer', 'correction')),
        answer_id TEXT,
        payload TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_status INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        delivered_at INTEGER
      );
      CREATE TABLE mod_telegram_groups (
        chat_id TEXT PRIMARY KEY,
        auto_reply INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      );`,
  },
  {
    name: 'mod-005-moderator-status',
    // A disabled account keeps its name in the audit log but cannot log in.
    up: `ALTER TABLE mod_moderators ADD COLUMN disabled_at INTEGER;`,
  },
  {
    // Clusters merged automatically (src/moderation/clusterer.ts): an absorbed id still finds
    // the cluster that took its claims (links in the console, audit entries naming it).
    name: 'mod-006-cluster-merges',
    up: `
      CREATE TABLE mod_cluster_merges (
        absorbed_id TEXT PRIMARY KEY,
        kept_id TEXT NOT NULL REFERENCES mod_clusters(id),
        score REAL NOT NULL,
        at INTEGER NOT NULL
      );`,
  },
  {
    name: 'mod-010-indexes',
    // The console lists, and the clusterer reloads, only clusters asked within a window.
    up: `CREATE INDEX mod_clusters_by_last_ask ON mod_clusters (last_asked_at);`,
  },
  {
    // Admins' uploads and removals (and SIGHUP reloads) as a persisted queue: a job killed
    // mid-ingest is still pending or running at the next start, which runs it again.
    name: 'mod-020-ingest-jobs',
    up: `
      CREATE TABLE mod_ingest_jobs (
        id TEXT PRIMARY KEY,
        action TEXT NOT NULL CHECK (action IN ('upload', 'removal', 'reload')),
        file TEXT,
        status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
        outcome TEXT,
        created_at INTEGER NOT NULL,
        started_at INTEGER,
        finished_at INTEGER
      );
      CREATE INDEX mod_ingest_jobs_by_status ON mod_ingest_jobs (status, created_at);
      CREATE INDEX mod_ingest_jobs_by_file ON mod_ingest_jobs (file, created_at);`,
  },
  {
    // Answers not yet clustered: a row is written in the transaction that stores the answer and
    // deleted in the one that stores its cluster claim; rows left by a crash are replayed at start.
    name: 'mod-021-cluster-outbox',
    up: `
      CREATE TABLE mod_cluster_outbox (
        answer_id TEXT PRIMARY KEY,
        asker TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );`,
  },
  {
    // Which node runs (or holds) a job and when it last said so: a node requeues only running
    // jobs whose node has gone quiet, never those another live node is running.
    name: 'mod-022-ingest-job-heartbeats',
    up: `
      ALTER TABLE mod_ingest_jobs ADD COLUMN runner TEXT;
      ALTER TABLE mod_ingest_jobs ADD COLUMN heartbeat_at INTEGER;`,
  },
];
