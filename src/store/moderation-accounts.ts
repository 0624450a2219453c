import type { Sql } from './sql.js';

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

/** Moderator accounts and their sessions. Stores only hashes of passwords and session tokens. */
export interface ModeratorRepository {
  /** Inserts an account; returns undefined when the name is taken. */
  create(
    name: string,
    role: ModeratorRole,
    passwordHash: string,
    now: number,
  ): Promise<Moderator | undefined>;
  get(id: number): Promise<Moderator | undefined>;
  /** Changes role and/or status; returns the account as it is now. */
  update(
    id: number,
    changes: { role?: ModeratorRole; disabledAt?: number | null },
  ): Promise<Moderator | undefined>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
  passwordHash(id: number): Promise<string | undefined>;
  /** Admins that can still log in. */
  activeAdmins(): Promise<number>;
  /** Ends every session of an account, but the one whose token hash is `keep`. */
  deleteSessionsOf(moderatorId: number, keep?: string): Promise<void>;
  /** The account and its password hash, for login. */
  findByName(name: string): Promise<(Moderator & { passwordHash: string }) | undefined>;
  list(): Promise<Moderator[]>;
  createSession(
    tokenHash: string,
    moderatorId: number,
    csrfToken: string,
    now: number,
    ttlMs: number,
  ): Promise<void>;
  /** The live session for a token hash; expired sessions are deleted on sight. */
  findSession(tokenHash: string, now: number): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
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

const COLUMNS = 'id, name, role, created_at, password_hash, disabled_at';

export function createModeratorRepository(sql: Sql): ModeratorRepository {
  const get = async (id: number) => {
    const row = await sql.get<ModeratorRow>(`SELECT ${COLUMNS} FROM mod_moderators WHERE id = ?`, [
      id,
    ]);
    return row && toModerator(row);
  };
  const deleteSession = async (tokenHash: string) => {
    await sql.run('DELETE FROM mod_sessions WHERE token_hash = ?', [tokenHash]);
  };
  return {
    async create(name, role, passwordHash, now) {
      const row = await sql.get<{ id: number }>(
        `INSERT INTO mod_moderators (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO NOTHING RETURNING id`,
        [name, role, passwordHash, now],
      );
      return row && { id: row.id, name, role, createdAt: now, disabled: false };
    },
    get,
    async update(id, changes) {
      if (changes.role !== undefined)
        await sql.run('UPDATE mod_moderators SET role = ? WHERE id = ?', [changes.role, id]);
      if (changes.disabledAt !== undefined)
        await sql.run('UPDATE mod_moderators SET disabled_at = ? WHERE id = ?', [
          changes.disabledAt,
          id,
        ]);
      return get(id);
    },
    async setPasswordHash(id, passwordHash) {
      await sql.run('UPDATE mod_moderators SET password_hash = ? WHERE id = ?', [passwordHash, id]);
    },
    async passwordHash(id) {
      const row = await sql.get<{ password_hash: string }>(
        'SELECT password_hash FROM mod_moderators WHERE id = ?',
        [id],
      );
      return row?.password_hash;
    },
    async activeAdmins() {
      const row = await sql.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM mod_moderators WHERE role = 'admin' AND disabled_at IS NULL",
      );
      return Number(row?.n ?? 0);
    },
    async deleteSessionsOf(moderatorId, keep) {
      await sql.run(
        'DELETE FROM mod_sessions WHERE moderator_id = ? AND token_hash IS DISTINCT FROM ?',
        [moderatorId, keep ?? null],
      );
    },
    async findByName(name) {
      const row = await sql.get<ModeratorRow>(
        `SELECT ${COLUMNS} FROM mod_moderators WHERE name = ?`,
        [name],
      );
      return row && { ...toModerator(row), passwordHash: row.password_hash };
    },
    async list() {
      const rows = await sql.all<ModeratorRow>(`SELECT ${COLUMNS} FROM mod_moderators ORDER BY id`);
      return rows.map(toModerator);
    },
    async createSession(tokenHash, moderatorId, csrfToken, now, ttlMs) {
      await sql.run(
        `INSERT INTO mod_sessions (token_hash, moderator_id, csrf_token, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
        [tokenHash, moderatorId, csrfToken, now, now + ttlMs],
      );
    },
    async findSession(tokenHash, now) {
      const row = await sql.get<ModeratorRow & { csrf_token: string; expires_at: number }>(
        `SELECT s.csrf_token, s.expires_at, m.id, m.name, m.role, m.created_at, m.password_hash,
           m.disabled_at
         FROM mod_sessions s JOIN mod_moderators m ON m.id = s.moderator_id
         WHERE s.token_hash = ? AND m.disabled_at IS NULL`,
        [tokenHash],
      );
      if (!row) return undefined;
      if (row.expires_at <= now) {
        await deleteSession(tokenHash);
        return undefined;
      }
      return { moderator: toModerator(row), csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },
    deleteSession,
  };
}
