import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/**
 * A random secret kept in the database under `key`, made on first use, so that every process
 * over this data folder (and every restart) shares it.
 */
export function persistedSecret(db: Db, key: string): string {
  const read = () =>
    (
      db.prepare('SELECT value FROM chat_settings WHERE key = ?').get(key) as
        { value: string } | undefined
    )?.value;
  const existing = read();
  if (existing) return existing;
  db.prepare('INSERT OR IGNORE INTO chat_settings (key, value) VALUES (?, ?)').run(
    key,
    randomBytes(32).toString('hex'),
  );
  // Another process may have written it first: theirs wins, so read it back.
  return read()!;
}

/**
 * Hashes client identifiers (a client's server-issued id, an API key, an IP address) with a salt
 * kept in the database, so stored rows can be grouped per client without keeping who it was.
 */
export function createClientHasher(db: Db): (raw: string) => string {
  const salt = persistedSecret(db, 'client_salt');
  return (raw) => createHash('sha256').update(salt).update('\0').update(raw).digest('hex');
}
