import type { Namespace, Server } from 'socket.io';
import type { ModerateClientEvents, ModerateServerEvents } from './events.js';
import type { ModeratorAccounts } from './moderator-accounts.js';
import type { ModerationService } from './moderation-service.js';
import { readCookie, SESSION_COOKIE, tokenHash } from './session-cookie.js';

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
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = accounts.session(token);
    if (!session || !token) return next(new ConnectError('UNAUTHENTICATED', 'Log in first.'));
    socket.data.moderator = session.moderator;
    socket.data.tokenHash = tokenHash(token);
    next();
  });
  // A disabled account or a changed password ends sessions; their open consoles go with them.
  accounts.onSessionsEnded((moderatorId, keptTokenHash) => {
    for (const socket of nsp.sockets.values()) {
      const data = socket.data as { moderator?: { id: number }; tokenHash?: string };
      if (data.moderator?.id === moderatorId && data.tokenHash !== keptTokenHash)
        socket.disconnect(true);
    }
  });
  moderation.subscribe((event, ...args) => {
    nsp.emit(event, ...args);
  });
  return nsp;
}
