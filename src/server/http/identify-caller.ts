import type { RequestHandler } from 'express';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { ClientTokens } from '../client-token.js';

/** The API key of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
function presentedKey(authorization: string | undefined, header: string | undefined) {
  if (header) return header.trim();
  const match = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Sets `req.caller`: the API key when one is presented (refusing unknown keys), else the IP; and
 * `req.clientId` from an `X-Client-Token` this server issued (refusing forged ones).
 */
export function identifyCaller(store: Store, tokens: ClientTokens): RequestHandler {
  return async (req, _res, next) => {
    try {
      const token = req.get('x-client-token');
      if (token !== undefined) req.clientId = tokens.verify(token.trim());
      const key = presentedKey(req.get('authorization'), req.get('x-api-key'));
      if (key === undefined) {
        req.caller = { kind: 'ip', ip: req.ip ?? req.socket.remoteAddress ?? 'unknown' };
        return next();
      }
      const apiKey = key.length <= 200 ? await store.apiKeys.verify(key) : undefined;
      if (!apiKey) throw new AppError('INVALID_API_KEY');
      req.caller = { kind: 'key', keyId: apiKey.id, apiKeyName: apiKey.name };
      next();
    } catch (err) {
      next(err);
    }
  };
}
