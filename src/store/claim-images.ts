import type { Sql } from './sql.js';

export interface ClaimImage {
  format: 'png' | 'jpeg' | 'webp';
  bytes: Buffer;
}

/**
 * Screenshots kept with the claims read off them (KEEP_IMAGES): one per stored answer, removed
 * with its answer by the foreign key's cascade.
 */
export interface ClaimImageRepository {
  save(answerId: string, image: ClaimImage): Promise<void>;
  get(answerId: string): Promise<ClaimImage | undefined>;
}

export function createClaimImageRepository(sql: Sql): ClaimImageRepository {
  return {
    async save(answerId, image) {
      await sql.run(
        `INSERT INTO claim_images (answer_id, format, bytes, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (answer_id) DO UPDATE SET format = excluded.format, bytes = excluded.bytes,
           created_at = excluded.created_at`,
        [answerId, image.format, image.bytes, Date.now()],
      );
    },
    get: (answerId) =>
      sql.get<ClaimImage>('SELECT format, bytes FROM claim_images WHERE answer_id = ?', [answerId]),
  };
}
