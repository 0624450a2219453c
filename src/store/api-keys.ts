import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Sql } from './sql.js';

export interface ApiKey {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** API keys, stored as hashes. */
export interface ApiKeyRepository {
  /** Creates a key named `name` and returns the key, which is not stored and cannot be shown again. */
  create(name: string): Promise<{ key: string; apiKey: ApiKey }>;
  /** The key's record, or undefined for an unknown key. */
  verify(key: string): Promise<ApiKey | undefined>;
  list(): Promise<ApiKey[]>;
  /** Deletes the named key; false when there was none. */
  revoke(name: string): Promise<boolean>;
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough at rest (no dictionary to guess from);
 * the key itself is shown once, at creation.
 */
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

type Row = { id: number; name: string; created_at: number; last_used_at: number | null };
const fromRow = (r: Row): ApiKey => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export function createApiKeyRepository(sql: Sql): ApiKeyRepository {
  return {
    async create(name) {
      const key = `fck_${randomBytes(32).toString('base64url')}`;
      const now = Date.now();
      // Names are unique; the hash of a fresh random key cannot collide in practice.
      const row = await sql.get<{ id: number }>(
        `INSERT INTO chat_api_keys (name, key_hash, created_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO NOTHING RETURNING id`,
        [name, hashKey(key), now],
      );
      if (!row) throw new AppError('CONFLICT', `An API key named "${name}" exists already.`);
      return { key, apiKey: { id: row.id, name, createdAt: now, lastUsedAt: null } };
    },
    async verify(key) {
      const row = await sql.get<Row>(
        'SELECT id, name, created_at, last_used_at FROM chat_api_keys WHERE key_hash = ?',
        [hashKey(key)],
      );
      if (!row) return undefined;
      await sql.run('UPDATE chat_api_keys SET last_used_at = ? WHERE id = ?', [Date.now(), row.id]);
      return fromRow(row);
    },
    async list() {
      const rows = await sql.all<Row>(
        'SELECT id, name, created_at, last_used_at FROM chat_api_keys ORDER BY name',
      );
      return rows.map(fromRow);
    },
    async revoke(name) {
      return (await sql.run('DELETE FROM chat_api_keys WHERE name = ?', [name])).changes === 1;
    },
  };
}
