import type { Socket } from 'socket.io';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { ChatSocketData } from '../events.js';
import { subjectKey, type ClientSubject, type LimitSubject } from '../client-subject.js';
import type { ClientTokens } from '../client-token.js';
import { ConnectError } from '../socket-errors.js';

const auth = z.object({
  /** The token this server issued the client (sent back in `client:token`). */
  clientToken: z.string().max(300).optional(),
  /** The widget's own random id from before tokens: honoured only where it owns conversations. */
  clientId: z.string().min(8).max(100).optional(),
  apiKey: z.string().max(200).optional(),
});

/** The address a socket connected from; the first X-Forwarded-For hop behind a trusted proxy. */
export function socketAddress(socket: Socket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim()) {
    return forwarded.split(',')[0].trim();
  }
  return socket.handshake.address;
}

/** The limit subject of a socket (its key or its address). */
export const socketSubject = (data: ChatSocketData): LimitSubject =>
  data.apiKeyId !== undefined ? { kind: 'key', keyId: data.apiKeyId } : { kind: 'ip', ip: data.ip };

/**
 * Who owns what the socket creates: the client of a valid token; else a widget's id from before
 * tokens when conversations are stored under it (it gets a token for the same id, so they stay
 * its own); else the API key; else a new client. A token issued here goes to the client.
 */
async function identify(
  given: z.infer<typeof auth>,
  apiKeyId: number | undefined,
  store: Store,
  tokens: ClientTokens,
): Promise<{ subject: ClientSubject; issuedToken?: string }> {
  if (given.clientToken !== undefined)
    return { subject: { kind: 'widget', clientId: tokens.verify(given.clientToken) } };
  const legacy = given.clientId;
  const isLegacyOwner =
    legacy !== undefined &&
    (await store.conversations.ownsAny(
      store.clientHash(subjectKey({ kind: 'widget', clientId: legacy })),
    ));
  if (!isLegacyOwner && apiKeyId !== undefined)
    return { subject: { kind: 'key', keyId: apiKeyId } };
  const { clientId, token } = tokens.issue(isLegacyOwner ? legacy : undefined);
  return { subject: { kind: 'widget', clientId }, issuedToken: token };
}

/**
 * Namespace middleware: identifies the socket (client token, API key) before any event.
 * A bad token, key or auth shape fails the connection with `{ code, message }` as the error's data.
 */
export function chatHandshake(store: Store, tokens: ClientTokens, trustProxy: boolean) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const parsed = auth.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', 'The connection auth is malformed.');
      const ip = socketAddress(socket, trustProxy);
      let apiKeyId: number | undefined;
      if (parsed.data.apiKey !== undefined) {
        const key = await store.apiKeys.verify(parsed.data.apiKey);
        if (!key) throw new AppError('INVALID_API_KEY');
        apiKeyId = key.id;
      }
      const { subject, issuedToken } = await identify(parsed.data, apiKeyId, store, tokens);
      const data: ChatSocketData = {
        clientHash: store.clientHash(subjectKey(subject)),
        ip,
        apiKeyId,
        ...(issuedToken ? { issuedToken } : {}),
      };
      Object.assign(socket.data, data);
      next();
    } catch (err) {
      next(new ConnectError(err));
    }
  };
}
