import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

/**
 * Client tokens: the server-issued secret that makes a client the owner of its conversations
 * and one voter. A token is `<client id, base64url>.<HMAC-SHA256 of the id>`: the server keeps no
 * list of them, and only it can make one, so a client cannot mint identities by choosing ids.
 */
export interface ClientTokens {
  /** A token for `clientId`, or for a new random id. */
  issue(clientId?: string): { clientId: string; token: string };
  /** The client id a token was issued for; throws CLIENT_TOKEN_INVALID for anything else. */
  verify(token: string): string;
}

/** Longest token accepted: a 100-character legacy id, base64url-encoded, and its MAC. */
const MAX_TOKEN_LENGTH = 200;

export function createClientTokens(secret: string): ClientTokens {
  const mac = (clientId: string) =>
    createHmac('sha256', secret).update(`factcheck-client\0${clientId}`).digest();
  return {
    issue(clientId = randomBytes(16).toString('base64url')) {
      const encoded = Buffer.from(clientId).toString('base64url');
      return { clientId, token: `${encoded}.${mac(clientId).toString('base64url')}` };
    },
    verify(token) {
      const [encoded, signature, ...rest] =
        token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
      if (encoded && signature && rest.length === 0) {
        const clientId = Buffer.from(encoded, 'base64url').toString();
        const expected = mac(clientId);
        const given = Buffer.from(signature, 'base64url');
        if (given.length === expected.length && timingSafeEqual(given, expected)) return clientId;
      }
      throw new AppError('CLIENT_TOKEN_INVALID');
    },
  };
}
