import type { Migration } from './db.js';

/** The table of screenshots kept with their answers (src/store/claim-images.ts). */
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
