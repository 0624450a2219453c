import { createHash, randomBytes } from 'node:crypto';

/** A new session token (what the cookie holds) and CSRF token. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions are stored by the SHA-256 of their token, so a leaked database opens no session. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
