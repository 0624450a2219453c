import { createHash, randomBytes } from 'node:crypto';
import type { Db } from './db.js';

/**
 * Hashes client identifiers (a widget's random id, an IP address) with a salt kept in the
 * database, so stored rows can be grouped per client without keeping who the client was.
 */
export function createClientHasher(db: Db): (raw: string) => string {
  const row = db.prepare('SELECT value FROM chat_settings WHERE key = ?').get('client_salt') as
    { value: string } | undefined;
  let salt = row?.value;
  if (!salt) {
    salt = randomBytes(32).toString('hex');
    db.prepare('INSERT OR IGNORE INTO chat_settings (key, value) VALUES (?, ?)').run(
      'client_salt',
      salt,
    );
  }
  const key = salt;
  return (raw) => createHash('sha256').update(key).update('\0').update(raw).digest('hex');
}
