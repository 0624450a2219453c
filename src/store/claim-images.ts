import type { Db, Migration } from './db.js';
import { preparedOnce } from './db.js';

/**
 * Screenshots kept with the claims read off them (KEEP_IMAGES): one per stored answer, removed
 * with its answer by the foreign key's cascade.
 */
export const claimImageMigrations: Migration[] = [
  {
    name: 'claim-images-1',
    up: `
      CREATE TABLE claim_images (
        answer_id TEXT PRIMARY KEY REFERENCES chat_answers(id) ON DELETE CASCADE,
        format TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'webp')),
        bytes BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );`,
  },
];

export interface ClaimImage {
  format: 'png' | 'jpeg' | 'webp';
  bytes: Buffer;
}

export function createClaimImageRepository(db: Db) {
  const sql = preparedOnce(db);
  return {
    save(answerId: string, image: ClaimImage): void {
      sql(
        'INSERT OR REPLACE INTO claim_images (answer_id, format, bytes, created_at) VALUES (?, ?, ?, ?)',
      ).run(answerId, image.format, image.bytes, Date.now());
    },
    get(answerId: string): ClaimImage | undefined {
      return sql('SELECT format, bytes FROM claim_images WHERE answer_id = ?').get(answerId) as
        ClaimImage | undefined;
    },
    /** Which of these answers have a kept image (the console asks for a page of claims at once). */
    has(answerIds: readonly string[]): Set<string> {
      if (answerIds.length === 0) return new Set();
      const rows = db
        .prepare(
          `SELECT answer_id FROM claim_images WHERE answer_id IN (${answerIds.map(() => '?').join(',')})`,
        )
        .all(...answerIds) as { answer_id: string }[];
      return new Set(rows.map((r) => r.answer_id));
    },
  };
}

export type ClaimImageRepository = ReturnType<typeof createClaimImageRepository>;
