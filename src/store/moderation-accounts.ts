import type { Db } from './db.js';

export type ModeratorRole = 'moderator' | 'admin';

export interface Moderator {
  id: number;
  name: string;
  role: ModeratorRole;
  createdAt: number;
}

export interface Session {
  moderator: Moderator;
  csrfToken: string;
  expiresAt: number;
}

interface ModeratorRow {
  id: number;
  name: string;
  role: ModeratorRole;
  created_at: number;
  password_hash: string;
}

const toModerator = (r: ModeratorRow): Moderator => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
});

/** Moderator accounts and their sessions. Stores only hashes of passwords and session tokens. */
export class ModeratorRepository {
  constructor(private readonly db: Db) {}

  /** Inserts an account; returns undefined when the name is taken. */
  create(
    name: string,
    role: ModeratorRole,
    passwordHash: string,
    now: number,
  ): Moderator | undefined {
    const result = this.db
      .prepare(
        'INSERT INTO mod_moderators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING',
      )
      .run(name, role, passwordHash, now);
    if (result.changes === 0) return undefined;
    return { id: Number(result.lastInsertRowid), name, role, createdAt: now };
  }

  /** The account and its password hash, for login. */
  findByName(name: string): (Moderator & { passwordHash: string }) | undefined {
    const row = this.db.prepare('SELECT * FROM mod_moderators WHERE name = ?').get(name) as
      ModeratorRow | undefined;
    return row && { ...toModerator(row), passwordHash: row.password_hash };
  }

  list(): Moderator[] {
    return (
      this.db.prepare('SELECT * FROM mod_moderators ORDER BY id').all() as ModeratorRow[]
    ).map(toModerator);
  }

  createSession(
    tokenHash: string,
    moderatorId: number,
    csrfToken: string,
    now: number,
    ttlMs: number,
  ): void {
    this.db
      .prepare(
        'INSERT INTO mod_sessions (token_hash, moderator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(tokenHash, moderatorId, csrfToken, now, now + ttlMs);
  }

  /** The live session for a token hash; expired sessions are deleted on sight. */
  findSession(tokenHash: string, now: number): Session | undefined {
    const row = this.db
      .prepare(
        `SELECT s.csrf_token, s.expires_at, m.* FROM mod_sessions s
         JOIN mod_moderators m ON m.id = s.moderator_id WHERE s.token_hash = ?`,
      )
      .get(tokenHash) as (ModeratorRow & { csrf_token: string; expires_at: number }) | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.deleteSession(tokenHash);
      return undefined;
    }
    return { moderator: toModerator(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare('DELETE FROM mod_sessions WHERE token_hash = ?').run(tokenHash);
  }
}
