import type { Namespace, Server } from 'socket.io';
import { AppError } from '../../errors.js';
import type { ModerateClientEvents, ModerateServerEvents } from '../../moderation/events.js';
import type { Moderation } from '../../moderation/moderation.js';
import { tokenHash } from '../../moderation/session-tokens.js';
import { ConnectError } from '../socket-errors.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

/**
 * The `/moderate` namespace: only sockets with a live moderator session cookie connect; they
 * receive every incoming claim, cluster change and audit entry as it happens.
 */
export function attachModerateNamespace(
  io: Server,
  { accounts, moderation }: Moderation,
): Namespace<ModerateClientEvents, ModerateServerEvents> {
  const nsp = io.of('/moderate') as Namespace<ModerateClientEvents, ModerateServerEvents>;
  nsp.use((socket, next) => {
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = accounts.session(token);
    if (!session || !token) return next(new ConnectError(new AppError('UNAUTHENTICATED')));
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
