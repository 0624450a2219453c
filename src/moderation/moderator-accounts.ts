import { AppError } from '../errors.js';
import type { Db } from '../store/db.js';
import {
  ModeratorRepository,
  type Moderator,
  type ModeratorRole,
  type Session,
} from '../store/moderation-accounts.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { newToken, tokenHash } from './session-tokens.js';

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;
/** A chosen password: long enough to resist guessing, short enough to bound hashing work. */
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

/** Told when sessions of an account end, so live console sockets close too. */
export type SessionsEndedListener = (moderatorId: number, keptTokenHash?: string) => void;

/** Accounts, logins and sessions of moderators (the HTTP layer adds cookies and limits). */
export class ModeratorAccounts {
  readonly repo: ModeratorRepository;
  private readonly sessionsEnded: SessionsEndedListener[] = [];

  constructor(
    db: Db,
    private readonly sessionTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = new ModeratorRepository(db);
  }

  /** Creates an account with a random one-time password, returned once and never stored. */
  async add(
    name: string,
    role: ModeratorRole,
  ): Promise<{ moderator: Moderator; password: string }> {
    if (!NAME.test(name)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'A name is 1-64 letters, digits, dots, dashes or underscores.',
      );
    }
    const password = generatePassword();
    const moderator = this.repo.create(name, role, await hashPassword(password), this.now());
    if (!moderator) throw new AppError('CONFLICT', `A moderator named ${name} exists already.`);
    return { moderator, password };
  }

  /** Calls `listener` whenever sessions of an account are ended (disabled, password changed). */
  onSessionsEnded(listener: SessionsEndedListener): void {
    this.sessionsEnded.push(listener);
  }

  private endSessions(moderatorId: number, keepTokenHash?: string): void {
    this.repo.deleteSessionsOf(moderatorId, keepTokenHash);
    for (const listener of this.sessionsEnded) listener(moderatorId, keepTokenHash);
  }

  private existing(id: number): Moderator {
    const moderator = this.repo.get(id);
    if (!moderator) throw new AppError('NOT_FOUND', 'No moderator has that id.');
    return moderator;
  }

  /**
   * Changes an account's role or disables / re-enables it. Refuses a change that would leave no
   * admin able to log in (nobody could manage accounts any more). Disabling ends its sessions.
   * Returns the account before and after (for the audit log).
   */
  update(
    id: number,
    changes: { role?: ModeratorRole; disabled?: boolean },
  ): { before: Moderator; after: Moderator } {
    const before = this.existing(id);
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin && this.repo.activeAdmins() <= 1) {
      throw new AppError('CONFLICT', 'That would leave no admin who can log in.');
    }
    const after = this.repo.update(id, {
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabled !== undefined
        ? { disabledAt: changes.disabled ? (before.disabled ? undefined : this.now()) : null }
        : {}),
    })!;
    if (after.disabled && !before.disabled) this.endSessions(id);
    return { before, after };
  }

  /** Gives an account a new one-time password (returned once) and ends its sessions. */
  async resetPassword(id: number): Promise<{ moderator: Moderator; password: string }> {
    const moderator = this.existing(id);
    const password = generatePassword();
    this.repo.setPasswordHash(id, await hashPassword(password));
    this.endSessions(id);
    return { moderator, password };
  }

  /**
   * A moderator replaces their own password; the current one is asked again (a session left
   * open on a shared computer is not enough). Every other session of the account ends.
   */
  async changePassword(
    session: { moderator: Moderator; tokenHash: string },
    current: string,
    next: string,
  ): Promise<void> {
    if (next.length < PASSWORD_MIN || next.length > PASSWORD_MAX) {
      throw new AppError(
        'VALIDATION_FAILED',
        `A password is ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long.`,
      );
    }
    const hash = this.repo.passwordHash(session.moderator.id);
    if (!hash || !(await verifyPassword(hash, current))) {
      throw new AppError('FORBIDDEN', 'The current password is wrong.');
    }
    this.repo.setPasswordHash(session.moderator.id, await hashPassword(next));
    this.endSessions(session.moderator.id, session.tokenHash);
  }

  /** Checks the password and opens a session; undefined when name or password is wrong. */
  async login(
    name: string,
    password: string,
  ): Promise<{ token: string; session: Session } | undefined> {
    const account = this.repo.findByName(name);
    const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!account || !ok) return undefined;
    // Said only to someone who knows the password.
    if (account.disabled) throw new AppError('FORBIDDEN', 'This account is disabled.');
    const token = newToken();
    const csrfToken = newToken();
    const now = this.now();
    this.repo.createSession(tokenHash(token), account.id, csrfToken, now, this.sessionTtlMs);
    const moderator = {
      id: account.id,
      name: account.name,
      role: account.role,
      createdAt: account.createdAt,
      disabled: account.disabled,
    };
    return { token, session: { moderator, csrfToken, expiresAt: now + this.sessionTtlMs } };
  }

  session(token: string | undefined): Session | undefined {
    return token ? this.repo.findSession(tokenHash(token), this.now()) : undefined;
  }

  logout(token: string): void {
    this.repo.deleteSession(tokenHash(token));
  }
}
