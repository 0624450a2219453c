import type { SavedFeatures } from '../moderation/claim-features.js';
import type { Citation, Verdict } from '../types.js';
import type { Db } from './db.js';

/** Where a claim came from, so a later correction can find the person who asked. */
export type Asker =
  | { kind: 'widget'; conversationId: string }
  | { kind: 'telegram'; chatId: number; messageId: number }
  | { kind: 'webhook'; botId: number; ref?: string }
  | { kind: 'rest' };

export interface ClusterClaim {
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

interface ClaimRow {
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
  features: string;
}

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

const toClaim = (r: ClaimRow): ClusterClaim => ({
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
  features: JSON.parse(r.features) as SavedFeatures,
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

  listClusters(): ClusterRecord[] {
    return (
      this.db.prepare('SELECT * FROM mod_clusters').all() as {
        id: string;
        representative: string;
        created_at: number;
        last_asked_at: number;
      }[]
    ).map((r) => ({
      id: r.id,
      representative: r.representative,
      createdAt: r.created_at,
      lastAskedAt: r.last_asked_at,
    }));
  }

  getCluster(id: string): ClusterRecord | undefined {
    return this.listClusters().find((c) => c.id === id);
  }

  /** Every claim, oldest first (clusters are small; the console lists them all). */
  allClaims(): ClusterClaim[] {
    return (
      this.db.prepare('SELECT * FROM mod_cluster_claims ORDER BY id').all() as ClaimRow[]
    ).map(toClaim);
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
