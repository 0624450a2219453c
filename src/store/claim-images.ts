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
  };
}

export type ClaimImageRepository = ReturnType<typeof createClaimImageRepository>;
