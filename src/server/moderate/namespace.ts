import type { Namespace, Server } from 'socket.io';
import type { ModerateClientEvents, ModerateServerEvents } from './events.js';
import type { ModeratorAccounts } from './moderator-accounts.js';
import type { ModerationService } from './moderation-service.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/** A connect error carrying a stable code, as socket.io-client receives it in `err.data`. */
class ConnectError extends Error {
  readonly data: { code: string; message: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code, message };
  }
}

/**
 * The `/moderate` namespace: only sockets with a live moderator session cookie connect; they
 * receive every incoming claim, cluster change and audit entry as it happens.
 */
export function attachModerateNamespace(
  io: Server,
  accounts: ModeratorAccounts,
  moderation: ModerationService,
): Namespace<ModerateClientEvents, ModerateServerEvents> {
  const nsp = io.of('/moderate') as Namespace<ModerateClientEvents, ModerateServerEvents>;
  nsp.use((socket, next) => {
    const session = accounts.session(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE));
    if (!session) return next(new ConnectError('UNAUTHENTICATED', 'Log in first.'));
    socket.data.moderator = session.moderator;
    next();
  });
  moderation.subscribe((event, ...args) => {
    nsp.emit(event, ...args);
  });
  return nsp;
}
