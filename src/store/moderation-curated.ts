import type { Citation, Verdict } from '../types.js';
import type { Sql } from './sql.js';

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

/** Reviewed answers of clusters: every version is kept, the newest one stands. */
export interface CuratedRepository {
  add(answer: Omit<CuratedAnswer, 'id' | 'moderatorName'>): Promise<CuratedAnswer>;
  get(id: number): Promise<CuratedAnswer | undefined>;
  /** The reviewed answer that now stands for the rumor an answer was about, if any. */
  forAnswer(answerId: string): Promise<CuratedAnswer | undefined>;
  /** The newest curated answer of each cluster that has one. */
  currentByCluster(): Promise<Map<string, CuratedAnswer>>;
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

const SELECT = `SELECT c.id, c.cluster_id, c.verdict, c.answer, c.citations, c.moderator_id,
    c.created_at, m.name AS moderator_name
  FROM mod_curated_answers c JOIN mod_moderators m ON m.id = c.moderator_id`;

export function createCuratedRepository(sql: Sql): CuratedRepository {
  const get = async (id: number) => {
    const row = await sql.get<CuratedRow>(`${SELECT} WHERE c.id = ?`, [id]);
    return row && toCurated(row);
  };
  return {
    async add(answer) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO mod_curated_answers (cluster_id, verdict, answer, citations, moderator_id,
           created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          answer.clusterId,
          answer.verdict,
          answer.answer,
          JSON.stringify(answer.citations),
          answer.moderatorId,
          answer.createdAt,
        ],
      );
      return (await get(row!.id))!;
    },
    get,
    async forAnswer(answerId) {
      const row = await sql.get<CuratedRow>(
        `${SELECT} WHERE c.id = (SELECT max(a.id) FROM mod_curated_answers a WHERE a.cluster_id =
           (SELECT cluster_id FROM mod_cluster_claims WHERE answer_id = ? LIMIT 1))`,
        [answerId],
      );
      return row && toCurated(row);
    },
    async currentByCluster() {
      const rows = await sql.all<CuratedRow>(
        `${SELECT} WHERE c.id IN (SELECT max(id) FROM mod_curated_answers GROUP BY cluster_id)`,
      );
      return new Map(rows.map((r) => [r.cluster_id, toCurated(r)]));
    },
  };
}
