import { AppError } from '../errors.js';
import type {
  ModeratorRepository,
  Moderator,
  ModeratorRole,
  Session,
} from '../store/moderation-accounts.js';
import {
  LoginLimiter,
  type AttemptLimiter,
  type LimitKey,
  type LoginLimits,
} from './login-limiter.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { newToken, tokenHash } from './session-tokens.js';

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;
/** A chosen password: long enough to resist guessing, short enough to bound hashing work. */
const PASSWORD_MIN = 12;
const PASSWORD_MAX = 256;

/** Why a session ended, as a console socket closed for it is told. */
export type SessionEndReason =
  'logout' | 'expired' | 'disabled' | 'password-changed' | 'password-reset' | 'ended';

/** Sessions that ended: one session (logout), or an account's all but `keptTokenHash`. */
export type SessionsEnded = { reason: SessionEndReason } & (
  { tokenHash: string } | { moderatorId: number; keptTokenHash?: string }
);

/** Told when sessions end, so live console sockets close too. */
export type SessionsEndedListener = (ended: SessionsEnded) => void;

/** Failed logins an address may have over all names, as a multiple of one name's. */
const ADDRESS_FAILURES_FACTOR = 5;
/** Where attempts come from when no address is given (the command line). */
const LOCAL = 'local';
/** The settings' defaults (MOD_LOGIN_ATTEMPTS, MOD_LOGIN_DELAY_S, MOD_LOGIN_MAX_DELAY_S). */
const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  freeFailures: 10,
  firstDelayMs: 1000,
  maxDelayMs: 900_000,
};

/** Accounts, logins (attempts limited) and sessions of moderators; the HTTP layer adds cookies. */
export class ModeratorAccounts {
  private readonly limiter: AttemptLimiter;
  private readonly sessionsEnded: SessionsEndedListener[] = [];

  constructor(
    readonly repo: ModeratorRepository,
    private readonly sessionTtlMs: number,
    private readonly now: () => number = Date.now,
    private readonly limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    /** Where attempts are counted: this process's memory unless given (Redis, many nodes). */
    limiter?: AttemptLimiter,
  ) {
    this.limiter = limiter ?? new LoginLimiter(limits, now);
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
    const moderator = await this.repo.create(name, role, await hashPassword(password), this.now());
    if (!moderator) throw new AppError('CONFLICT', `A moderator named ${name} exists already.`);
    return { moderator, password };
  }

  /** Calls `listener` whenever sessions end (logout, disabled, password changed or reset). */
  onSessionsEnded(listener: SessionsEndedListener): void {
    this.sessionsEnded.push(listener);
  }

  private async endSessions(ended: SessionsEnded): Promise<void> {
    if ('tokenHash' in ended) await this.repo.deleteSession(ended.tokenHash);
    else await this.repo.deleteSessionsOf(ended.moderatorId, ended.keptTokenHash);
    for (const listener of this.sessionsEnded) listener(ended);
  }

  private async existing(id: number): Promise<Moderator> {
    const moderator = await this.repo.get(id);
    if (!moderator) throw new AppError('NOT_FOUND', 'No moderator has that id.');
    return moderator;
  }

  /**
   * Changes an account's role or disables / re-enables it. Refuses a change that would leave no
   * admin able to log in (nobody could manage accounts any more). Disabling ends its sessions.
   * Returns the account before and after (for the audit log).
   */
  async update(
    id: number,
    changes: { role?: ModeratorRole; disabled?: boolean },
  ): Promise<{ before: Moderator; after: Moderator }> {
    const before = await this.existing(id);
    const losesAdmin =
      before.role === 'admin' &&
      !before.disabled &&
      ((changes.role !== undefined && changes.role !== 'admin') || changes.disabled === true);
    if (losesAdmin && (await this.repo.activeAdmins()) <= 1) {
      throw new AppError('CONFLICT', 'That would leave no admin who can log in.');
    }
    const after = (await this.repo.update(id, {
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.disabled !== undefined
        ? { disabledAt: changes.disabled ? (before.disabled ? undefined : this.now()) : null }
        : {}),
    }))!;
    if (after.disabled && !before.disabled)
      await this.endSessions({ reason: 'disabled', moderatorId: id });
    return { before, after };
  }

  /** Gives an account a new one-time password (returned once) and ends its sessions. */
  async resetPassword(id: number): Promise<{ moderator: Moderator; password: string }> {
    const moderator = await this.existing(id);
    const password = generatePassword();
    await this.repo.setPasswordHash(id, await hashPassword(password));
    await this.endSessions({ reason: 'password-reset', moderatorId: id });
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
    const { id } = session.moderator;
    // Only the account's own sessions can try, so its attempts are counted per account.
    const isRight = await this.limited([this.limitKey(`password\u0000${id}`)], async () => {
      const hash = await this.repo.passwordHash(id);
      return hash !== undefined && (await verifyPassword(hash, current));
    });
    if (!isRight) throw new AppError('FORBIDDEN', 'The current password is wrong.');
    await this.repo.setPasswordHash(id, await hashPassword(next));
    await this.endSessions({
      reason: 'password-changed',
      moderatorId: id,
      keptTokenHash: session.tokenHash,
    });
  }

  /**
   * Checks the password and opens a session; undefined when name or password is wrong. The
   * attempt is reserved first, against the address with this name and the address alone, so
   * failures from one address never delay, nor a success elsewhere clear, another's attempts.
   */
  async login(
    name: string,
    password: string,
    address: string = LOCAL,
  ): Promise<{ token: string; session: Session } | undefined> {
    const account = await this.repo.findByName(name);
    const keys = [
      this.limitKey(`login\u0000${address}\u0000${name}`),
      this.limitKey(`address\u0000${address}`, ADDRESS_FAILURES_FACTOR, false),
    ];
    const ok = await this.limited(keys, async () =>
      verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password),
    );
    if (!account || !ok) return undefined;
    // Said only to someone who knows the password.
    if (account.disabled) throw new AppError('FORBIDDEN', 'This account is disabled.');
    const token = newToken();
    const csrfToken = newToken();
    const now = this.now();
    await this.repo.createSession(tokenHash(token), account.id, csrfToken, now, this.sessionTtlMs);
    const moderator = {
      id: account.id,
      name: account.name,
      role: account.role,
      createdAt: account.createdAt,
      disabled: account.disabled,
    };
    return { token, session: { moderator, csrfToken, expiresAt: now + this.sessionTtlMs } };
  }

  async session(token: string | undefined): Promise<Session | undefined> {
    return token ? this.sessionByHash(tokenHash(token)) : undefined;
  }

  /** The live session stored under a token's hash (what a console socket keeps). */
  sessionByHash(hash: string): Promise<Session | undefined> {
    return this.repo.findSession(hash, this.now());
  }

  logout(token: string): Promise<void> {
    return this.endSessions({ reason: 'logout', tokenHash: tokenHash(token) });
  }

  /** A key counting attempts, with `factor` times the free failures of one name. */
  private limitKey(key: string, factor = 1, clearsOnSuccess = true): LimitKey {
    return { key, freeFailures: this.limits.freeFailures * factor, clearsOnSuccess };
  }

  /** Runs a password check inside a reserved attempt; true counts as a success. */
  private async limited(keys: LimitKey[], check: () => Promise<boolean>): Promise<boolean> {
    const reservation = await this.limiter.reserve(keys);
    let isRight = false;
    try {
      isRight = await check();
      return isRight;
    } finally {
      await reservation.settle(isRight ? 'success' : 'failure');
    }
  }
}
