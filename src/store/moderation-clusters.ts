import type { SavedFeatures } from '../moderation/claim-features.js';
import type { Citation, Verdict } from '../types.js';
import type { Db } from './db.js';

/** Where a claim came from, so a later correction can find the person who asked. */
export type Asker =
  | { kind: 'widget'; conversationId: string }
  | { kind: 'telegram'; chatId: number; messageId: number }
  | { kind: 'webhook'; botId: number; ref?: string }
  | { kind: 'rest' };

/** A stored claim as listings show it: without its saved features. */
export interface ListedClaim {
  id: number;
  clusterId: string;
  answerId: string | null;
  text: string;
  channel: string;
  asker: Asker | null;
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

export interface CuratedAnswer {
  id: number;
  clusterId: string;
  verdict: Verdict;
  answer: string;
  citations: Citation[];
  moderatorId: number;
  moderatorName: string;
  createdAt: number;
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

interface CuratedRow {
  id: number;
  cluster_id: string;
  verdict: Verdict;
  answer: string;
  citations: string;
  moderator_id: number;
  moderator_name: string;
  created_at: number;
}

const toListed = (r: ListedRow): ListedClaim => ({
  id: r.id,
  clusterId: r.cluster_id,
  answerId: r.answer_id,
  text: r.text,
  channel: r.channel,
  asker: r.asker === null ? null : (JSON.parse(r.asker) as Asker),
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

const toCurated = (r: CuratedRow): CuratedAnswer => ({
  id: r.id,
  clusterId: r.cluster_id,
  verdict: r.verdict,
  answer: r.answer,
  citations: JSON.parse(r.citations) as Citation[],
  moderatorId: r.moderator_id,
  moderatorName: r.moderator_name,
  createdAt: r.created_at,
});

const CURATED_SELECT = `SELECT c.*, m.name AS moderator_name FROM mod_curated_answers c
  JOIN mod_moderators m ON m.id = c.moderator_id`;

/** Clusters of incoming claims, their members and their curated answers. */
export class ClusterRepository {
  constructor(private readonly db: Db) {}

  createCluster(id: string, representative: string, now: number): void {
    this.db
      .prepare(
        'INSERT INTO mod_clusters (id, representative, created_at, last_asked_at) VALUES (?, ?, ?, ?)',
      )
      .run(id, representative, now, now);
  }

  addClaim(claim: Omit<ClusterClaim, 'id'>): ClusterClaim {
    const result = this.db
      .prepare(
        `INSERT INTO mod_cluster_claims (cluster_id, answer_id, text, channel, asker, asked_at,
           similarity, verdict, confidence, curated_id, features)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
    this.db
      .prepare('UPDATE mod_clusters SET last_asked_at = max(last_asked_at, ?) WHERE id = ?')
      .run(claim.askedAt, claim.clusterId);
    return { ...claim, id: Number(result.lastInsertRowid) };
  }

  /**
   * Moves every claim and reviewed answer of `absorbed` to `kept` and removes `absorbed`, noting
   * where it went. Ask counts follow the claims; the kept cluster's representative stays.
   */
  mergeClusters(kept: string, absorbed: string, score: number, now: number): void {
    this.db.transaction(() => {
      const move = (table: string) =>
        this.db
          .prepare(`UPDATE ${table} SET cluster_id = ? WHERE cluster_id = ?`)
          .run(kept, absorbed);
      move('mod_cluster_claims');
      move('mod_curated_answers');
      this.db
        .prepare('UPDATE mod_cluster_merges SET kept_id = ? WHERE kept_id = ?')
        .run(kept, absorbed);
      this.db
        .prepare(
          `UPDATE mod_clusters SET last_asked_at = max(last_asked_at,
             (SELECT last_asked_at FROM mod_clusters WHERE id = ?)) WHERE id = ?`,
        )
        .run(absorbed, kept);
      this.db.prepare('DELETE FROM mod_clusters WHERE id = ?').run(absorbed);
      this.db
        .prepare(
          'INSERT INTO mod_cluster_merges (absorbed_id, kept_id, score, at) VALUES (?, ?, ?, ?)',
        )
        .run(absorbed, kept, score, now);
    })();
  }

  /** The cluster an id now stands for: itself, or the one it was merged into. */
  resolveId(id: string): string {
    const row = this.db
      .prepare('SELECT kept_id FROM mod_cluster_merges WHERE absorbed_id = ?')
      .get(id) as { kept_id: string } | undefined;
    return row?.kept_id ?? id;
  }

  getCluster(id: string): ClusterRecord | undefined {
    const row = this.db.prepare('SELECT * FROM mod_clusters WHERE id = ?').get(id) as
      ClusterRow | undefined;
    return row && toRecord(row);
  }

  /** Clusters asked at or after `since`, each with all its ask times (read from an index). */
  activeClusters(since: number): ClusterActivity[] {
    const clusters = (
      this.db
        .prepare('SELECT * FROM mod_clusters WHERE last_asked_at >= ?')
        .all(since) as ClusterRow[]
    ).map((r): ClusterActivity => ({ cluster: toRecord(r), times: [] }));
    const byId = new Map(clusters.map((c) => [c.cluster.id, c]));
    const rows = this.db
      .prepare(
        `SELECT k.cluster_id, k.asked_at FROM mod_clusters c
         JOIN mod_cluster_claims k ON k.cluster_id = c.id
         WHERE c.last_asked_at >= ?`,
      )
      .raw()
      .iterate(since) as IterableIterator<[string, number]>;
    for (const [clusterId, askedAt] of rows) byId.get(clusterId)?.times.push(askedAt);
    return clusters;
  }

  /** When each claim of a cluster was asked, oldest first. */
  askTimesOf(clusterId: string): number[] {
    return this.db
      .prepare('SELECT asked_at FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY asked_at')
      .pluck()
      .all(clusterId) as number[];
  }

  /** The newest claims, newest first (the live feed's backlog). */
  recentClaims(limit: number): ListedClaim[] {
    return (
      this.db
        .prepare(`SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims ORDER BY id DESC LIMIT ?`)
        .all(limit) as ListedRow[]
    ).map(toListed);
  }

  /** The `limit` most recently asked claims of a cluster, oldest of them first. */
  recentClaimsOf(clusterId: string, limit: number): ListedClaim[] {
    return (
      this.db
        .prepare(
          `SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims WHERE cluster_id = ?
           ORDER BY asked_at DESC, id DESC LIMIT ?`,
        )
        .all(clusterId, limit) as ListedRow[]
    )
      .map(toListed)
      .reverse();
  }

  /**
   * What the clusterer matches new claims against after a restart: the clusters asked at or
   * after `since` or holding a curated answer (which must keep applying however old), each
   * with the text and saved features of its last `perCluster` claims, oldest first.
   */
  /** Clusters last asked before `since` that carry no reviewed answer (no longer matched). */
  dormantClusters(since: number): string[] {
    return (
      this.db
        .prepare(
          `SELECT id FROM mod_clusters WHERE last_asked_at < ?
           AND id NOT IN (SELECT cluster_id FROM mod_curated_answers)`,
        )
        .all(since) as { id: string }[]
    ).map((r) => r.id);
  }

  matchableClusters(
    since: number,
    perCluster: number,
  ): { id: string; members: Pick<ClusterClaim, 'text' | 'features'>[] }[] {
    const rows = this.db
      .prepare(
        // Oldest cluster first: when two clusters merge, the older keeps its id.
        `SELECT m.cluster_id, m.text, m.features FROM (
           SELECT k.cluster_id, k.id, k.text, k.features, row_number() OVER (
             PARTITION BY k.cluster_id ORDER BY k.asked_at DESC, k.id DESC) AS n
           FROM mod_cluster_claims k WHERE k.cluster_id IN (
             SELECT id FROM mod_clusters WHERE last_asked_at >= ?
             UNION SELECT cluster_id FROM mod_curated_answers)) m
         JOIN mod_clusters c ON c.id = m.cluster_id
         WHERE m.n <= ? ORDER BY c.created_at, m.cluster_id, m.id`,
      )
      .iterate(since, perCluster) as IterableIterator<{
      cluster_id: string;
      text: string;
      features: string;
    }>;
    const clusters = new Map<string, Pick<ClusterClaim, 'text' | 'features'>[]>();
    for (const r of rows) {
      const members = clusters.get(r.cluster_id) ?? [];
      members.push({ text: r.text, features: JSON.parse(r.features) as SavedFeatures });
      clusters.set(r.cluster_id, members);
    }
    return [...clusters].map(([id, members]) => ({ id, members }));
  }

  claimsOf(clusterId: string): ClusterClaim[] {
    return (
      this.db
        .prepare('SELECT * FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY id')
        .all(clusterId) as ClaimRow[]
    ).map(toClaim);
  }

  claimByAnswer(answerId: string): ClusterClaim | undefined {
    const row = this.db
      .prepare('SELECT * FROM mod_cluster_claims WHERE answer_id = ?')
      .get(answerId) as ClaimRow | undefined;
    return row && toClaim(row);
  }

  addCurated(answer: Omit<CuratedAnswer, 'id' | 'moderatorName'>): CuratedAnswer {
    const result = this.db
      .prepare(
        'INSERT INTO mod_curated_answers (cluster_id, verdict, answer, citations, moderator_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        answer.clusterId,
        answer.verdict,
        answer.answer,
        JSON.stringify(answer.citations),
        answer.moderatorId,
        answer.createdAt,
      );
    return this.curated(Number(result.lastInsertRowid))!;
  }

  curated(id: number): CuratedAnswer | undefined {
    const row = this.db.prepare(`${CURATED_SELECT} WHERE c.id = ?`).get(id) as
      CuratedRow | undefined;
    return row && toCurated(row);
  }

  /** The newest curated answer of each cluster that has one. */
  currentCurated(): Map<string, CuratedAnswer> {
    const rows = this.db
      .prepare(
        `${CURATED_SELECT} WHERE c.id IN (SELECT max(id) FROM mod_curated_answers GROUP BY cluster_id)`,
      )
      .all() as CuratedRow[];
    return new Map(rows.map((r) => [r.cluster_id, toCurated(r)]));
  }

  /** Marks claims as answered by (or corrected to) a curated answer. */
  markCurated(claimIds: readonly number[], curatedId: number): void {
    const update = this.db.prepare('UPDATE mod_cluster_claims SET curated_id = ? WHERE id = ?');
    this.db.transaction(() => {
      for (const id of claimIds) update.run(curatedId, id);
    })();
  }

  /** Corrections for widget users who were offline, delivered on their next visit. */
  addPendingCorrection(conversationId: string, payload: unknown, now: number): void {
    this.db
      .prepare(
        'INSERT INTO mod_pending_corrections (conversation_id, payload, created_at) VALUES (?, ?, ?)',
      )
      .run(conversationId, JSON.stringify(payload), now);
  }

  /** Takes the undelivered corrections of a conversation, marking them delivered. */
  takePendingCorrections(conversationId: string, now: number): unknown[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare(
          'SELECT id, payload FROM mod_pending_corrections WHERE conversation_id = ? AND delivered_at IS NULL ORDER BY id',
        )
        .all(conversationId) as { id: number; payload: string }[];
      const mark = this.db.prepare(
        'UPDATE mod_pending_corrections SET delivered_at = ? WHERE id = ?',
      );
      for (const r of rows) mark.run(now, r.id);
      return rows.map((r) => JSON.parse(r.payload) as unknown);
    })();
  }
}
