import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Db } from './db.js';

export interface ApiKey {
  id: number;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough at rest (no dictionary to guess from);
 * the key itself is shown once, at creation.
 */
const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

export function createApiKeyRepository(db: Db) {
  const insert = db.prepare(
    'INSERT INTO chat_api_keys (name, key_hash, created_at) VALUES (?, ?, ?)',
  );
  const byHash = db.prepare(
    'SELECT id, name, created_at, last_used_at FROM chat_api_keys WHERE key_hash = ?',
  );
  const touch = db.prepare('UPDATE chat_api_keys SET last_used_at = ? WHERE id = ?');
  const all = db.prepare(
    'SELECT id, name, created_at, last_used_at FROM chat_api_keys ORDER BY name',
  );
  const remove = db.prepare('DELETE FROM chat_api_keys WHERE name = ?');
  type Row = { id: number; name: string; created_at: number; last_used_at: number | null };
  const fromRow = (r: Row): ApiKey => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  });

  return {
    /** Creates a key named `name` and returns the key, which is not stored and cannot be shown again. */
    create(name: string): { key: string; apiKey: ApiKey } {
      const key = `fck_${randomBytes(32).toString('base64url')}`;
      try {
        const info = insert.run(name, hashKey(key), Date.now());
        return {
          key,
          apiKey: {
            id: Number(info.lastInsertRowid),
            name,
            createdAt: Date.now(),
            lastUsedAt: null,
          },
        };
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new AppError('CONFLICT', `An API key named "${name}" exists already.`);
        }
        throw err;
      }
    },
    /** The key's record, or undefined for an unknown key. */
    verify(key: string): ApiKey | undefined {
      const row = byHash.get(hashKey(key)) as Row | undefined;
      if (!row) return undefined;
      touch.run(Date.now(), row.id);
      return fromRow(row);
    },
    list(): ApiKey[] {
      return (all.all() as Row[]).map(fromRow);
    },
    /** Deletes the named key; false when there was none. */
    revoke(name: string): boolean {
      return remove.run(name).changes === 1;
    },
  };
}

export type ApiKeyRepository = ReturnType<typeof createApiKeyRepository>;
