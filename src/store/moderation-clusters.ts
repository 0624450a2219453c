import type { Origin, Verdict } from '../types.js';
import type { Db } from './db.js';

/** A stored claim as listings show it: without its saved features. */
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

/**
 * Clusters of incoming claims, their member claims and their merges (tables mod_clusters,
 * mod_cluster_claims, mod_cluster_merges). Statements are prepared once, here.
 */
export class ClusterRepository {
  private readonly sql;

  constructor(private readonly db: Db) {
    const p = (text: string) => db.prepare(text);
    this.sql = {
      createCluster: p(
        'INSERT INTO mod_clusters (id, representative, created_at, last_asked_at) VALUES (?, ?, ?, ?)',
      ),
      addClaim: p(
        `INSERT INTO mod_cluster_claims (cluster_id, answer_id, text, channel, asker, asked_at,
           similarity, verdict, confidence, curated_id, features)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      touch: p('UPDATE mod_clusters SET last_asked_at = max(last_asked_at, ?) WHERE id = ?'),
      moveClaims: p('UPDATE mod_cluster_claims SET cluster_id = ? WHERE cluster_id = ?'),
      moveCurated: p('UPDATE mod_curated_answers SET cluster_id = ? WHERE cluster_id = ?'),
      moveMerges: p('UPDATE mod_cluster_merges SET kept_id = ? WHERE kept_id = ?'),
      keepLatest: p(
        `UPDATE mod_clusters SET last_asked_at = max(last_asked_at,
           (SELECT last_asked_at FROM mod_clusters WHERE id = ?)) WHERE id = ?`,
      ),
      deleteCluster: p('DELETE FROM mod_clusters WHERE id = ?'),
      noteMerge: p(
        'INSERT INTO mod_cluster_merges (absorbed_id, kept_id, score, at) VALUES (?, ?, ?, ?)',
      ),
      mergedInto: p('SELECT kept_id FROM mod_cluster_merges WHERE absorbed_id = ?'),
      cluster: p('SELECT * FROM mod_clusters WHERE id = ?'),
      activeClusters: p('SELECT * FROM mod_clusters WHERE last_asked_at >= ?'),
      activeTimes: p(
        `SELECT k.cluster_id, k.asked_at FROM mod_clusters c
         JOIN mod_cluster_claims k ON k.cluster_id = c.id
         WHERE c.last_asked_at >= ?`,
      ).raw(),
      askTimes: p(
        'SELECT asked_at FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY asked_at',
      ).pluck(),
      recentClaims: p(`SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims ORDER BY id DESC LIMIT ?`),
      recentClaimsOf: p(
        `SELECT ${LISTED_COLUMNS} FROM mod_cluster_claims WHERE cluster_id = ?
         ORDER BY asked_at DESC, id DESC LIMIT ?`,
      ),
      dormant: p(
        `SELECT id FROM mod_clusters WHERE last_asked_at < ?
         AND id NOT IN (SELECT cluster_id FROM mod_curated_answers)`,
      ).pluck(),
      matchable: p(
        // Oldest cluster first: when two clusters merge, the older keeps its id.
        `SELECT m.cluster_id, m.text, m.features FROM (
           SELECT k.cluster_id, k.id, k.text, k.features, row_number() OVER (
             PARTITION BY k.cluster_id ORDER BY k.asked_at DESC, k.id DESC) AS n
           FROM mod_cluster_claims k WHERE k.cluster_id IN (
             SELECT id FROM mod_clusters WHERE last_asked_at >= ?
             UNION SELECT cluster_id FROM mod_curated_answers)) m
         JOIN mod_clusters c ON c.id = m.cluster_id
         WHERE m.n <= ? ORDER BY c.created_at, m.cluster_id, m.id`,
      ),
      claimsOf: p('SELECT * FROM mod_cluster_claims WHERE cluster_id = ? ORDER BY id'),
      claimByAnswer: p('SELECT * FROM mod_cluster_claims WHERE answer_id = ?'),
      markCurated: p('UPDATE mod_cluster_claims SET curated_id = ? WHERE id = ?'),
      queue: p(
        'INSERT OR IGNORE INTO mod_cluster_outbox (answer_id, asker, created_at) VALUES (?, ?, ?)',
      ),
      queued: p('SELECT answer_id, asker FROM mod_cluster_outbox ORDER BY created_at, rowid'),
      unqueue: p('DELETE FROM mod_cluster_outbox WHERE answer_id = ?'),
    };
  }

  createCluster(id: string, representative: string, now: number): void {
    this.sql.createCluster.run(id, representative, now, now);
  }

  /** Stores a claim in its cluster; its answer leaves the outbox in the same transaction. */
  addClaim(claim: Omit<ClusterClaim, 'id'>): ClusterClaim {
    const result = this.sql.addClaim.run(
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
    this.sql.touch.run(claim.askedAt, claim.clusterId);
    if (claim.answerId !== null) this.sql.unqueue.run(claim.answerId);
    return { ...claim, id: Number(result.lastInsertRowid) };
  }

  /**
   * Moves every claim and reviewed answer of `absorbed` to `kept` and removes `absorbed`, noting
   * where it went. Ask counts follow the claims; the kept cluster's representative stays.
   */
  mergeClusters(kept: string, absorbed: string, score: number, now: number): void {
    this.db.transaction(() => {
      this.sql.moveClaims.run(kept, absorbed);
      this.sql.moveCurated.run(kept, absorbed);
      this.sql.moveMerges.run(kept, absorbed);
      this.sql.keepLatest.run(absorbed, kept);
      this.sql.deleteCluster.run(absorbed);
      this.sql.noteMerge.run(absorbed, kept, score, now);
    })();
  }

  /** The cluster an id now stands for: itself, or the one it was merged into. */
  resolveId(id: string): string {
    const row = this.sql.mergedInto.get(id) as { kept_id: string } | undefined;
    return row?.kept_id ?? id;
  }

  getCluster(id: string): ClusterRecord | undefined {
    const row = this.sql.cluster.get(id) as ClusterRow | undefined;
    return row && toRecord(row);
  }

  /** Clusters asked at or after `since`, each with all its ask times (read from an index). */
  activeClusters(since: number): ClusterActivity[] {
    const clusters = (this.sql.activeClusters.all(since) as ClusterRow[]).map(
      (r): ClusterActivity => ({ cluster: toRecord(r), times: [] }),
    );
    const byId = new Map(clusters.map((c) => [c.cluster.id, c]));
    const rows = this.sql.activeTimes.iterate(since) as IterableIterator<[string, number]>;
    for (const [clusterId, askedAt] of rows) byId.get(clusterId)?.times.push(askedAt);
    return clusters;
  }

  /** When each claim of a cluster was asked, oldest first. */
  askTimesOf(clusterId: string): number[] {
    return this.sql.askTimes.all(clusterId) as number[];
  }

  /** The newest claims, newest first (the live feed's backlog). */
  recentClaims(limit: number): ListedClaim[] {
    return (this.sql.recentClaims.all(limit) as ListedRow[]).map(toListed);
  }

  /** The `limit` most recently asked claims of a cluster, oldest of them first. */
  recentClaimsOf(clusterId: string, limit: number): ListedClaim[] {
    return (this.sql.recentClaimsOf.all(clusterId, limit) as ListedRow[]).map(toListed).reverse();
  }

  /** Clusters last asked before `since` that carry no reviewed answer (no longer matched). */
  dormantClusters(since: number): string[] {
    return this.sql.dormant.all(since) as string[];
  }

  /**
   * What the clusterer matches new claims against after a restart: the clusters asked at or
   * after `since` or holding a curated answer (which must keep applying however old), each
   * with the text and saved features of its last `perCluster` claims, oldest first.
   */
  matchableClusters(
    since: number,
    perCluster: number,
  ): { id: string; members: Pick<ClusterClaim, 'text' | 'features'>[] }[] {
    const rows = this.sql.matchable.iterate(since, perCluster) as IterableIterator<MemberRow>;
    const clusters = new Map<string, Pick<ClusterClaim, 'text' | 'features'>[]>();
    for (const r of rows) {
      const members = clusters.get(r.cluster_id) ?? [];
      members.push({ text: r.text, features: JSON.parse(r.features) as SavedFeatures });
      clusters.set(r.cluster_id, members);
    }
    return [...clusters].map(([id, members]) => ({ id, members }));
  }

  claimsOf(clusterId: string): ClusterClaim[] {
    return (this.sql.claimsOf.all(clusterId) as ClaimRow[]).map(toClaim);
  }

  claimByAnswer(answerId: string): ClusterClaim | undefined {
    const row = this.sql.claimByAnswer.get(answerId) as ClaimRow | undefined;
    return row && toClaim(row);
  }

  /** Marks claims as answered by (or corrected to) a curated answer. */
  markCurated(claimIds: readonly number[], curatedId: number): void {
    this.db.transaction(() => {
      for (const id of claimIds) this.sql.markCurated.run(curatedId, id);
    })();
  }

  /**
   * Notes a stored answer as still to be clustered (the outbox, mod_cluster_outbox). Written in
   * the transaction that stores the answer; `addClaim` for that answer takes it out again.
   */
  queueAnswer(answerId: string, asker: Origin, at: number): void {
    this.sql.queue.run(answerId, JSON.stringify(asker), at);
  }

  /** Answers stored but not clustered (a crash or failure came between), oldest first. */
  queuedAnswers(): { answerId: string; asker: Origin }[] {
    const rows = this.sql.queued.all() as { answer_id: string; asker: string }[];
    return rows.map((r) => ({ answerId: r.answer_id, asker: JSON.parse(r.asker) as Origin }));
  }

  /** Takes an answer out of the outbox (its claim is stored, or it cannot be clustered). */
  unqueueAnswer(answerId: string): void {
    this.sql.unqueue.run(answerId);
  }
}
