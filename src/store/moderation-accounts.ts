import { preparedOnce, type Db, type Statement } from './db.js';

export type ModeratorRole = 'moderator' | 'admin';

export interface Moderator {
  id: number;
  name: string;
  role: ModeratorRole;
  createdAt: number;
  /** Disabled accounts cannot log in; their sessions have ended. */
  disabled: boolean;
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
  disabled_at: number | null;
}

const toModerator = (r: ModeratorRow): Moderator => ({
  id: r.id,
  name: r.name,
  role: r.role,
  createdAt: r.created_at,
  disabled: r.disabled_at !== null,
});

/** Moderator accounts and their sessions. Stores only hashes of passwords and session tokens. */
export class ModeratorRepository {
  private readonly sql: (text: string) => Statement;

  constructor(db: Db) {
    this.sql = preparedOnce(db);
  }

  /** Inserts an account; returns undefined when the name is taken. */
  create(
    name: string,
    role: ModeratorRole,
    passwordHash: string,
    now: number,
  ): Moderator | undefined {
    const result = this.sql(
      'INSERT INTO mod_moderators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO NOTHING',
    ).run(name, role, passwordHash, now);
    if (result.changes === 0) return undefined;
    return { id: Number(result.lastInsertRowid), name, role, createdAt: now, disabled: false };
  }

  get(id: number): Moderator | undefined {
    const row = this.sql('SELECT * FROM mod_moderators WHERE id = ?').get(id) as
      ModeratorRow | undefined;
    return row && toModerator(row);
  }

  /** Changes role and/or status; returns the account as it is now. */
  update(
    id: number,
    changes: { role?: ModeratorRole; disabledAt?: number | null },
  ): Moderator | undefined {
    if (changes.role !== undefined)
      this.sql('UPDATE mod_moderators SET role = ? WHERE id = ?').run(changes.role, id);
    if (changes.disabledAt !== undefined)
      this.sql('UPDATE mod_moderators SET disabled_at = ? WHERE id = ?').run(
        changes.disabledAt,
        id,
      );
    return this.get(id);
  }

  setPasswordHash(id: number, passwordHash: string): void {
    this.sql('UPDATE mod_moderators SET password_hash = ? WHERE id = ?').run(passwordHash, id);
  }

  passwordHash(id: number): string | undefined {
    const row = this.sql('SELECT password_hash FROM mod_moderators WHERE id = ?').get(id) as
      { password_hash: string } | undefined;
    return row?.password_hash;
  }

  /** Admins that can still log in. */
  activeAdmins(): number {
    const row = this.sql(
      "SELECT COUNT(*) AS n FROM mod_moderators WHERE role = 'admin' AND disabled_at IS NULL",
    ).get() as { n: number };
    return row.n;
  }

  /** Ends every session of an account, but the one whose token hash is `keep`. */
  deleteSessionsOf(moderatorId: number, keep?: string): void {
    this.sql('DELETE FROM mod_sessions WHERE moderator_id = ? AND token_hash IS NOT ?').run(
      moderatorId,
      keep ?? null,
    );
  }

  /** The account and its password hash, for login. */
  findByName(name: string): (Moderator & { passwordHash: string }) | undefined {
    const row = this.sql('SELECT * FROM mod_moderators WHERE name = ?').get(name) as
      ModeratorRow | undefined;
    return row && { ...toModerator(row), passwordHash: row.password_hash };
  }

  list(): Moderator[] {
    return (this.sql('SELECT * FROM mod_moderators ORDER BY id').all() as ModeratorRow[]).map(
      toModerator,
    );
  }

  createSession(
    tokenHash: string,
    moderatorId: number,
    csrfToken: string,
    now: number,
    ttlMs: number,
  ): void {
    this.sql(
      'INSERT INTO mod_sessions (token_hash, moderator_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    ).run(tokenHash, moderatorId, csrfToken, now, now + ttlMs);
  }

  /** The live session for a token hash; expired sessions are deleted on sight. */
  findSession(tokenHash: string, now: number): Session | undefined {
    const row = this.sql(
      `SELECT s.csrf_token, s.expires_at, m.* FROM mod_sessions s
         JOIN mod_moderators m ON m.id = s.moderator_id
         WHERE s.token_hash = ? AND m.disabled_at IS NULL`,
    ).get(tokenHash) as (ModeratorRow & { csrf_token: string; expires_at: number }) | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.deleteSession(tokenHash);
      return undefined;
    }
    return { moderator: toModerator(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  deleteSession(tokenHash: string): void {
    this.sql('DELETE FROM mod_sessions WHERE token_hash = ?').run(tokenHash);
  }
}
