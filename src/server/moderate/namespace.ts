import type { DefaultEventsMap, Namespace, Server, Socket } from 'socket.io';
import { AppError } from '../../errors.js';
import type {
  ModerateClientEvents,
  ModerateServerEvents,
  ModerateSocketData,
} from '../../moderation/events.js';
import type { Moderation } from '../../moderation/moderation.js';
import type { SessionEndReason } from '../../moderation/moderator-accounts.js';
import { tokenHash } from '../../moderation/session-tokens.js';
import { ConnectError } from '../socket-errors.js';
import { readCookie, SESSION_COOKIE } from './session-cookie.js';

type ModerateNsp = Namespace<
  ModerateClientEvents,
  ModerateServerEvents,
  DefaultEventsMap,
  ModerateSocketData
>;
type ModerateSocket = Socket<
  ModerateClientEvents,
  ModerateServerEvents,
  DefaultEventsMap,
  ModerateSocketData
>;

/** setTimeout's longest delay (about 24.8 days); a later expiry is caught by the recheck. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What a console is told when its session ends. */
function sessionEnded(reason: SessionEndReason) {
  const { message } = new AppError('SESSION_ENDED');
  return { code: 'SESSION_ENDED' as const, message, reason };
}

/** Tells the console why, then closes the socket (it does not reconnect by itself). */
function endSocket(socket: ModerateSocket, reason: SessionEndReason): void {
  socket.emit('session:ended', sessionEnded(reason));
  socket.disconnect(true);
}

/** Rooms of a console socket: its account's and its session's (by the token's hash). */
const moderatorRoom = (moderatorId: number) => `moderator:${moderatorId}`;
const sessionRoom = (hash: string) => `session:${hash}`;

/**
 * The `/moderate` namespace: only sockets with a live moderator session cookie connect; they
 * receive every incoming claim, cluster change and audit entry as it happens, for as long as
 * their session lives. A session ends for its sockets at once on logout, expiry, password change
 * or reset and disabling; a session ended elsewhere (another process) is caught by a recheck
 * every `recheckMs`.
 */
export function attachModerateNamespace(
  io: Server,
  { accounts, moderation }: Moderation,
  recheckMs: number,
): ModerateNsp {
  const nsp = io.of('/moderate') as ModerateNsp;
  const liveSession = async (data: Partial<ModerateSocketData>) =>
    data.tokenHash === undefined ? undefined : accounts.sessionByHash(data.tokenHash);

  nsp.use(async (socket, next) => {
    try {
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const session = await accounts.session(token);
      if (!session || !token) return next(new ConnectError(new AppError('UNAUTHENTICATED')));
      socket.data.moderator = session.moderator;
      socket.data.tokenHash = tokenHash(token);
      next();
    } catch (err) {
      next(new ConnectError(err));
    }
  });

  // Connection state recovery skips the middleware above and replays missed events before any
  // 'connection' handler runs: a socket whose session has ended is not recovered at all (it
  // connects afresh, through the middleware, and is refused).
  type Restore = ModerateNsp['adapter']['restoreSession'];
  const restore = nsp.adapter.restoreSession.bind(nsp.adapter);
  // Typed as always resolving a session, the adapters resolve null for none (socket.io 4.8).
  nsp.adapter.restoreSession = (async (pid: string, offset: string) => {
    const session = await restore(pid, offset);
    return session && (await liveSession(session.data as Partial<ModerateSocketData>))
      ? session
      : null;
  }) as Restore;

  nsp.on('connection', async (socket) => {
    // A recovered socket must still present the cookie of the session it was opened with.
    const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    const session = await liveSession(socket.data).catch(() => undefined);
    // Gone while its session was read: no timers for it (its disconnect has fired already).
    if (socket.disconnected) return;
    if (!session || !token || tokenHash(token) !== socket.data.tokenHash)
      return endSocket(socket, 'ended');
    const expiry = setTimeout(
      () => endSocket(socket, 'expired'),
      Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt - Date.now())),
    );
    const recheck = setInterval(() => {
      liveSession(socket.data).then(
        (live) => {
          if (!live) endSocket(socket, 'ended');
        },
        // The store is out of reach: the session stands until a recheck can tell.
        () => undefined,
      );
    }, recheckMs);
    expiry.unref();
    recheck.unref();
    // Ending sessions goes through these rooms, which span every node (Socket.IO's adapter).
    void socket.join([moderatorRoom(session.moderator.id), sessionRoom(socket.data.tokenHash)]);
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      clearInterval(recheck);
    });
  });

  // The sockets of ended sessions are found through their rooms, on this node and the others.
  accounts.onSessionsEnded((ended) => {
    const sockets =
      'tokenHash' in ended
        ? nsp.in(sessionRoom(ended.tokenHash))
        : ended.keptTokenHash === undefined
          ? nsp.in(moderatorRoom(ended.moderatorId))
          : nsp.in(moderatorRoom(ended.moderatorId)).except(sessionRoom(ended.keptTokenHash));
    sockets.emit('session:ended', sessionEnded(ended.reason));
    sockets.disconnectSockets(true);
  });
  moderation.subscribe((event, ...args) => {
    nsp.emit(event, ...args);
  });
  return nsp;
}
