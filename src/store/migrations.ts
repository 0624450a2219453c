import { chatMigrations } from './chat-migrations.js';
import { claimImageMigrations } from './claim-image-migrations.js';
import type { Migration } from './db.js';
import { moderationMigrations } from './moderation-migrations.js';

/**
 * Every schema change of the SQLite database, in order (PostgreSQL's are in
 * postgres/pg-migrations.ts: add a change to both). Chat tables and moderation tables live in
 * their own modules; append new migrations at the end of the list, never edit applied ones.
 */
export const migrations: Migration[] = [
  ...moderationMigrations,
  ...chatMigrations,
  ...claimImageMigrations,
];
