import { AppError } from '../../errors.js';
import type { Db } from '../../store/db.js';
import {
  ModeratorRepository,
  type Moderator,
  type ModeratorRole,
  type Session,
} from '../../store/moderation-accounts.js';
import { dummyPasswordHash, generatePassword, hashPassword, verifyPassword } from './passwords.js';
import { newToken, tokenHash } from './session-cookie.js';

const NAME = /^[\p{L}\p{N}._-]{1,64}$/u;

/** Accounts, logins and sessions of moderators (the HTTP layer adds cookies and limits). */
export class ModeratorAccounts {
  readonly repo: ModeratorRepository;

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

  /** Checks the password and opens a session; undefined when name or password is wrong. */
  async login(
    name: string,
    password: string,
  ): Promise<{ token: string; session: Session } | undefined> {
    const account = this.repo.findByName(name);
    const ok = await verifyPassword(account?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!account || !ok) return undefined;
    const token = newToken();
    const csrfToken = newToken();
    const now = this.now();
    this.repo.createSession(tokenHash(token), account.id, csrfToken, now, this.sessionTtlMs);
    const moderator = {
      id: account.id,
      name: account.name,
      role: account.role,
      createdAt: account.createdAt,
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
