import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from './sql.js';

/**
 * A random secret kept in the database under `key`, made on first use, so that every process
 * over this database (and every restart) shares it.
 */
export async function persistedSecret(sql: Sql, key: string): Promise<string> {
  const read = async () =>
    (await sql.get<{ value: string }>('SELECT value FROM chat_settings WHERE key = ?', [key]))
      ?.value;
  const existing = await read();
  if (existing) return existing;
  await sql.run(
    'INSERT INTO chat_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    [key, randomBytes(32).toString('hex')],
  );
  // Another process may have written it first: theirs wins, so read it back.
  return (await read())!;
}

/**
 * Hashes client identifiers (a client's server-issued id, an API key, an IP address) with a salt
 * kept in the database, so stored rows can be grouped per client without keeping who it was.
 */
export async function createClientHasher(sql: Sql): Promise<(raw: string) => string> {
  const salt = await persistedSecret(sql, 'client_salt');
  return (raw) => createHash('sha256').update(salt).update('\0').update(raw).digest('hex');
}
