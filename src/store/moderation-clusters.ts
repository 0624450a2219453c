// Over 350 lines: clusters, their claims, merges and outbox change together when a claim is assigned or clusters merge; their statements stay side by side.
import type { Origin, Verdict } from '../types.js';
import { insertionOrder, type Sql } from './sql.js';

/** A claim's features as stored: what clustering needs to compare it again without the encoder. */
export interface SavedFeatures {
  embedding?: number[];
  passages?: string[];
  englishQuery?: string;
  glossTerms?: string[][];
  cited?: string[];
}

export interface ListedClaim {
  id: number;
  clusterId: string;
  answerId: string | null;
  text: string;
  channel: string;
  /** Who asked, so that a later correction finds them (stored as the Origin's JSON). */
  asker: Origin | null;
  askedAt: number;
  similarity: number;
  verdict: Verdict | null;
  confidence: number | null;
  curatedId: number | null;
}

export interface ClusterClaim extends ListedClaim {
  features: SavedFeatures;
}

export interface ClusterRecord {
  id: string;
  representative: string;
  createdAt: number;
  lastAskedAt: number;
}

interface ListedRow {
  id: number;
  cluster_id: string;
  answer_id: string | null;
  text: string;
  channel: string;
  asker: string | null;
  asked_at: number;
  similarity: number;
  verdict: Verdict | null;
  confidence: number | null;
  curated_id: number | null;
}

interface ClaimRow extends ListedRow {
  features: string;
}

interface ClusterRow {
  id: string;
  representative: string;
  created_at: number;
  last_asked_at: number;
}

/** A cluster with the times its claims were asked, for ranking by activity. */
export interface ClusterActivity {
  cluster: ClusterRecord;
  times: number[];
}

/** The columns of a listed claim: the saved features (a 512-number embedding) stay unread. */
const LISTED_COLUMNS =
  'id, cluster_id, answer_id, text, channel, asker, asked_at, similarity, verdict, confidence, curated_id';

const toListed = (r: ListedRow): ListedClaim => ({
  id: r.id,
  clusterId: r.cluster_id,
  answerId: r.answer_id,
  text: r.text,
  channel: r.channel,
  asker: r.asker === null ? null : (JSON.parse(r.asker) as Origin),
  askedAt: r.asked_at,
  similarity: r.similarity,
  verdict: r.verdict,
  confidence: r.confidence,
  curatedId: r.curated_id,
});

const toClaim = (r: ClaimRow): ClusterClaim => ({
  ...toListed(r),
  features: JSON.parse(r.features) as SavedFeatures,
});

const toRecord = (r: ClusterRow): ClusterRecord => ({
  id: r.id,
  representative: r.representative,
  createdAt: r.created_at,
  lastAskedAt: r.last_asked_at,
});

/** A claim's row in the matching reload: text and saved features. */
type MemberRow = { cluster_id: string; text: string; features: string };

/** A cluster as matching reloads it: its id and its last claims' text and saved features. */
export interface MatchableCluster {
  id: string;
  members: Pick<ClusterClaim, 'text' | 'features'>[];
}

/**
 * The last `perCluster` claims of the clusters `ofClusters` selects (a subquery with one
 * parameter), oldest cluster first (when two clusters merge, the older keeps its id).
 */
const membersOf = (ofClusters: string) => `SELECT m.cluster_id, m.text, m.features FROM (
    SELECT k.cluster_id, k.id, k.text, k.features, row_number() OVER (
      PARTITION BY k.cluster_id ORDER BY k.asked_at DESC, k.id DESC) AS n
    FROM mod_cluster_claims k WHERE k.cluster_id IN (${ofClusters})) m
  JOIN mod_clusters c ON c.id = m.cluster_id
  WHERE m.n <= ? ORDER BY c.created_at, m.cluster_id, m.id`;

function byCluster(rows: readonly MemberRow[]): MatchableCluster[] {
  const clusters = new Map<string, MatchableCluster['members']>();
  for (const r of rows) {
    const members = clusters.get(r.cluster_id) ?? [];
    members.push({ text: r.text, features: JSON.parse(r.features) as SavedFeatures });
    clusters.set(r.cluster_id, members);
  }
  return [...clusters].map(([id, members]) => ({ id, members }));
}

/** The advisory lock key of cluster assignment ("clus" in ASCII; migrations use another). */
const ASSIGNMENT_LOCK = 0x636c7573;

const CLAIM_COLUMNS = `${LISTED_COLUMNS}, features`;

/**
 * Clusters of incoming claims, their member claims and their merges (tables mod_clusters,
 * mod_cluster_claims, mod_cluster_merges), and the outbox of answers still to cluster.
 */
export interface ClusterRepository {
  createCluster(id: string, representative: string, now: number): Promise<void>;
  /** Stores a claim in its cluster and takes its answer out of the outbox. */
  addClaim(claim: Omit<ClusterClaim, 'id'>): Promise<ClusterClaim>;
  /**
   * Moves every claim and reviewed answer of `absorbed` to `kept` and removes `absorbed`, noting
   * where it went. Ask counts follow the claims; the kept cluster's representative stays.
   */
  mergeClusters(kept: string, absorbed: string, score: number, now: number): Promise<void>;
  /** The cluster an id now stands for: itself, or the one it was merged into. */
  resolveId(id: string): Promise<string>;
  getCluster(id: string): Promise<ClusterRecord | undefined>;
  /** Clusters asked at or after `since`, each with all its ask times (read from an index). */
  activeClusters(since: number): Promise<ClusterActivity[]>;
  /** When each claim of a cluster was asked, oldest first. */
  askTimesOf(clusterId: string): Promise<number[]>;
  /** The newest claims, newest first (the live feed's backlog). */
  recentClaims(limit: number): Promise<ListedClaim[]>;
  /** The `limit` most recently asked claims of a cluster, oldest of them first. */
  recentClaimsOf(clusterId: string, limit: number): Promise<ListedClaim[]>;
  /** Clusters last asked before `since` that carry no reviewed answer (no longer matched). */
  dormantClusters(since: number): Promise<string[]>;
  /**
   * What the clusterer matches new claims against after a restart: the clusters asked at or
   * after `since` or holding a curated answer (which must keep applying however old), each
   * with the text and saved features of its last `perCluster` claims, oldest first.
   */
  matchableClusters(since: number, perCluster: number): Promise<MatchableCluster[]>;
  /**
   * Holds, until the transaction ends, the lock under which claims are assigned to clusters, so
   * nodes sharing the database assign one at a time (PostgreSQL: a transaction-level advisory
   * lock; SQLite: nothing more, as its transactions hold the one write lock from BEGIN).
   */
  lockAssignments(): Promise<void>;
  /** The newest claim's id (0 for none): what a clusterer loaded up to. */
  lastClaimId(): Promise<number>;
  /**
   * What changed after claim `afterId` (another node's claims): the clusters that got claims,
   * each with its last `perCluster` members as `matchableClusters` gives them, the ids those
   * clusters absorbed, and the newest claim's id.
   */
  claimedSince(
    afterId: number,
    perCluster: number,
  ): Promise<{ lastClaimId: number; clusters: MatchableCluster[]; absorbed: string[] }>;
  claimsOf(clusterId: string): Promise<ClusterClaim[]>;
  claimByAnswer(answerId: string): Promise<ClusterClaim | undefined>;
  /** Marks claims as answered by (or corrected to) a curated answer. */
  markCurated(claimIds: readonly number[], curatedId: number): Promise<void>;
  /**
   * Notes a stored answer as still to be clustered (the outbox, mod_cluster_outbox). Written in
   * the transaction that stores the answer; `addClaim` for that answer takes it out again.
   */
  queueAnswer(answerId: string, asker: Origin, at: number): Promise<void>;
  /** Answers stored but not clustered (a crash or failure came between), oldest first. */
  queuedAnswers(): Promise<{ answerId: string; asker: Origin }[]>;
  /** Takes an answer out of the outbox (its claim is stored, or it cannot be clustered). */
  unqueueAnswer(answerId: string): Promise<void>;
}

export function createClusterRepository(sql: Sql): ClusterRepository {
  const unqueueAnswer = async (answerId: string) => {
    await sql.run('DELETE FROM mod_cluster_outbox WHERE answer_id = ?', [answerId]);
  };
  const lastClaimId = async () => {
    const row = await sql.get<{ n: number }>(
      'SELECT COALESCE(MAX(id), 0) AS n FROM mod_cluster_claims',
    );
    return Number(row?.n ?? 0);
  };
  return {
    async createCluster(id, representative, now) {
      await sql.run(
        'INSERT INTO mod_clusters (id, representative, created_at, last_asked_at) VALUES (?, ?, ?, ?)',
        [id, representative, now, now],
      );
    },
    async addClaim(claim) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO mod_cluster_claims (cluster_id, answer_id, text, channel, asker, asked_at,
           similarity, verdict, confidence, curated_id, features)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          claim.clusterId,
          claim.answerId,
          claim.text,
          claim.channel,
          claim.asker ? JSON.stringify(claim.asker) : null,
          claim.askedAt,
          claim.similarity,
          claim.verdict,
          claim.confidence,
          claim.curatedId,
          JSON.stringify(claim.features),
        ],
      );
      await sql.run(
        'UPDATE mod_clusters SET last_asked_at = ? WHERE id = ? AND last_asked_at < ?',
        [claim.askedAt, claim.clusterId, claim.askedAt],
      );
      if (claim.answerId !== null) await unqueueAnswer(claim.answerId);
      return { ...claim, id: row!.id };
    },
    mergeClusters(kept, absorbed, score, now) {
      return sql.transaction(async (tx) => {
        await tx.run('UPDATE mod_cluster_claims SET cluster_id = ? WHERE cluster_id = ?', [
          kept,
          absorbed,
        ]);
        await tx.run('UPDATE mod_curated_answers SET cluster_id = ? WHERE cluster_id = ?', [
          kept,
          absorbed,
        ]);
        await tx.run('UPDATE mod_cluster_merges SET kept_id = ? WHERE kept_id = ?', [
          kept,
          absorbed,
        ]);
        await tx.run(
          `UPDATE mod_clusters SET last_asked_at = (SELECT max(last_asked_at) FROM mod_clusters
             WHERE id IN (?, ?)) WHERE id = ?`,
          [absorbed, kept, kept],
        );
        await tx.run('DELETE FROM mod_clusters WHERE id = ?', [absorbed]);
        await tx.run(
          'INSERT INTO mod_cluster_merges (absorbed_id, kept_id, score, at) VALUES (?, ?, ?, ?)',
          [absorbed, kept, score, now],
        );
      });
    },
    async resolveId(id) {
      const row = await sql.get<{ kept_id: string }>(
        'SELECT kept_id FROM mod_cluster_merges WHERE absorbed_id = ?',
        [id],
      );
      return row?.kept_id ?? id;
    },
    async getCluster(id) {
      const row = await sql.get<ClusterRow>(
        'SELECT id, representative, created_at, last_asked_at FROM mod_clusters WHERE id = ?',
        [id],
      );
      return row && toRecord(row);
    },
    async activeClusters(since) {
      const rows = await sql.all<ClusterRow>(
        `SELECT id, representative, created_at, last_asked_at FROM mod_clusters
         WHERE last_asked_at >= ?`,
        [since],
      );
      const clusters = rows.map((r): ClusterActivity => ({ cluster: toRecord(r), times: [] }));
      const byId = new Map(clusters.map((c) => [c.cluster.id, c]));
      const times = await sql.all<{ cluster_id: string; asked_at: number }>(
        `SELECT k.cluster_id, k.asked_at FROM mod_clusters c
         JOIN mod_cluster_claims k ON k.cluster_id = c.id
         WHERE c.last_asked_at >= ?`,
        [since],
      );
      for (const t of times) byId.get(t.cluster_id)?.times.push(t.asked_at);
      return clusters;
    },
    async askTimesOf(clusterId) {
      const rows = await sql.all<{ asked_at: number }>(
        'SELECT asked_at FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY asked_at',
        [clusterId],
      );
      return rows.map((r) => r.asked_at);
    },
    async recentClaims(limit) {
      const rows = await sql.all<ListedRow>(
        `SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims ORDER BY id DESC LIMIT ?`,
        [limit],
      );
      return rows.map(toListed);
    },
    async recentClaimsOf(clusterId, limit) {
      const rows = await sql.all<ListedRow>(
        `SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims WHERE cluster_id = ?
         ORDER BY asked_at DESC, id DESC LIMIT ?`,
        [clusterId, limit],
      );
      return rows.map(toListed).reverse();
    },
    async dormantClusters(since) {
      const rows = await sql.all<{ id: string }>(
        `SELECT id FROM mod_clusters WHERE last_asked_at < ?
         AND id NOT IN (SELECT cluster_id FROM mod_curated_answers)`,
        [since],
      );
      return rows.map((r) => r.id);
    },
    async matchableClusters(since, perCluster) {
      const rows = await sql.all<MemberRow>(
        membersOf(`SELECT id FROM mod_clusters WHERE last_asked_at >= ?
          UNION SELECT cluster_id FROM mod_curated_answers`),
        [since, perCluster],
      );
      return byCluster(rows);
    },
    async lockAssignments() {
      if (sql.dialect === 'postgres')
        await sql.get('SELECT pg_advisory_xact_lock(?::bigint) AS locked', [ASSIGNMENT_LOCK]);
    },
    lastClaimId,
    async claimedSince(afterId, perCluster) {
      const last = await lastClaimId();
      if (last <= afterId) return { lastClaimId: last, clusters: [], absorbed: [] };
      const changed = 'SELECT cluster_id FROM mod_cluster_claims WHERE id > ?';
      const rows = await sql.all<MemberRow>(membersOf(changed), [afterId, perCluster]);
      const absorbed = await sql.all<{ absorbed_id: string }>(
        `SELECT absorbed_id FROM mod_cluster_merges WHERE kept_id IN (${changed})`,
        [afterId],
      );
      return {
        lastClaimId: last,
        clusters: byCluster(rows),
        absorbed: absorbed.map((r) => r.absorbed_id),
      };
    },
    async claimsOf(clusterId) {
      const rows = await sql.all<ClaimRow>(
        `SELECT ${CLAIM_COLUMNS} FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY id`,
        [clusterId],
      );
      return rows.map(toClaim);
    },
    async claimByAnswer(answerId) {
      const row = await sql.get<ClaimRow>(
        `SELECT ${CLAIM_COLUMNS} FROM mod_cluster_claims WHERE answer_id = ? ORDER BY id LIMIT 1`,
        [answerId],
      );
      return row && toClaim(row);
    },
    markCurated(claimIds, curatedId) {
      return sql.transaction(async (tx) => {
        for (const id of claimIds)
          await tx.run('UPDATE mod_cluster_claims SET curated_id = ? WHERE id = ?', [
            curatedId,
            id,
          ]);
      });
    },
    async queueAnswer(answerId, asker, at) {
      await sql.run(
        `INSERT INTO mod_cluster_outbox (answer_id, asker, created_at) VALUES (?, ?, ?)
         ON CONFLICT (answer_id) DO NOTHING`,
        [answerId, JSON.stringify(asker), at],
      );
    },
    async queuedAnswers() {
      const rows = await sql.all<{ answer_id: string; asker: string }>(
        `SELECT answer_id, asker FROM mod_cluster_outbox ORDER BY created_at, ${insertionOrder(sql)}`,
      );
      return rows.map((r) => ({ answerId: r.answer_id, asker: JSON.parse(r.asker) as Origin }));
    },
    unqueueAnswer,
  };
}
