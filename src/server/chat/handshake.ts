import type { Socket } from 'socket.io';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import type { ChatStore } from '../../store/chat-store.js';
import type { ChatSocketData } from '../events.js';
import { subjectKey, type LimitSubject } from '../client-subject.js';
import { ConnectError } from '../socket-errors.js';

const auth = z.object({
  /** The widget's random browser id (kept in localStorage); stored only as a salted hash. */
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
 * Namespace middleware: identifies the socket (hashed client id, API key) before any event.
 * A bad key or auth shape fails the connection with `{ code, message }` as the error's data.
 */
export function chatHandshake(store: ChatStore, trustProxy: boolean) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    try {
      const parsed = auth.safeParse(socket.handshake.auth ?? {});
      if (!parsed.success)
        throw new AppError('VALIDATION_FAILED', 'The connection auth is malformed.');
      const ip = socketAddress(socket, trustProxy);
      let apiKeyId: number | undefined;
      if (parsed.data.apiKey !== undefined) {
        const key = store.apiKeys.verify(parsed.data.apiKey);
        if (!key) throw new AppError('INVALID_API_KEY');
        apiKeyId = key.id;
      }
      const { clientId } = parsed.data;
      const who = subjectKey(clientId ? { kind: 'widget', clientId } : { kind: 'ip', ip });
      const data: ChatSocketData = { clientHash: store.clientHash(who), ip, apiKeyId };
      Object.assign(socket.data, data);
      next();
    } catch (err) {
      next(new ConnectError(err));
    }
  };
}
