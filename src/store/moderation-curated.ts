import type { Citation, Verdict } from '../types.js';
import type { Db } from './db.js';

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

const SELECT = `SELECT c.*, m.name AS moderator_name FROM mod_curated_answers c
  JOIN mod_moderators m ON m.id = c.moderator_id`;

/** Reviewed answers of clusters: every version is kept, the newest one stands. */
export class CuratedRepository {
  private readonly insert;
  private readonly byId;
  private readonly current;
  private readonly ofAnswer;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO mod_curated_answers (cluster_id, verdict, answer, citations, moderator_id,
         created_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.prepare(`${SELECT} WHERE c.id = ?`);
    this.ofAnswer = db.prepare(
      `${SELECT} WHERE c.id = (SELECT max(a.id) FROM mod_curated_answers a WHERE a.cluster_id =
         (SELECT cluster_id FROM mod_cluster_claims WHERE answer_id = ?))`,
    );
    this.current = db.prepare(
      `${SELECT} WHERE c.id IN (SELECT max(id) FROM mod_curated_answers GROUP BY cluster_id)`,
    );
  }

  add(answer: Omit<CuratedAnswer, 'id' | 'moderatorName'>): CuratedAnswer {
    const result = this.insert.run(
      answer.clusterId,
      answer.verdict,
      answer.answer,
      JSON.stringify(answer.citations),
      answer.moderatorId,
      answer.createdAt,
    );
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(id: number): CuratedAnswer | undefined {
    const row = this.byId.get(id) as CuratedRow | undefined;
    return row && toCurated(row);
  }

  /** The reviewed answer that now stands for the rumor an answer was about, if any. */
  forAnswer(answerId: string): CuratedAnswer | undefined {
    const row = this.ofAnswer.get(answerId) as CuratedRow | undefined;
    return row && toCurated(row);
  }

  /** The newest curated answer of each cluster that has one. */
  currentByCluster(): Map<string, CuratedAnswer> {
    const rows = this.current.all() as CuratedRow[];
    return new Map(rows.map((r) => [r.cluster_id, toCurated(r)]));
  }
}
