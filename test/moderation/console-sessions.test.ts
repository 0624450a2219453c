import { io as connect, type Socket } from 'socket.io-client';
import type { SessionEndedEvent } from '../../src/moderation/events.js';
import { ModeratorAccounts } from '../../src/moderation/moderator-accounts.js';
import { withStore } from '../../src/store/store.js';
import {
  login,
  moderateRequest,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

type Session = { cookie: string; csrfToken: string };

/** A console socket that records the session:ended notice and its disconnect reason. */
interface Console {
  socket: Socket;
  /** The session:ended notice and then the disconnect reason, once both came. */
  ended: Promise<{ notice: SessionEndedEvent; reason: string }>;
  progress: string[];
}

async function openConsole(
  url: string,
  session: Session,
  options: { reconnection?: boolean } = {},
): Promise<Console> {
  const socket = connect(`${url}/moderate`, {
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    extraHeaders: { cookie: session.cookie },
  });
  const progress: string[] = [];
  socket.on('ingest:progress', (p: { jobId: string }) => progress.push(p.jobId));
  const notice = new Promise<SessionEndedEvent>((resolve) => socket.on('session:ended', resolve));
  // Listened to from the start: the disconnect follows the notice within the same read.
  const disconnect = new Promise<string>((resolve) => socket.once('disconnect', resolve));
  const ended = Promise.all([notice, disconnect]).then(([n, reason]) => ({ notice: n, reason }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, ended, progress };
}

describe('console sessions end everywhere', () => {
  let s: ModerationTestServer;
  let root: Session;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    s = await startModerationServer({ env: { MOD_SOCKET_RECHECK_S: '0.2' } });
    root = await login(s.url, 'root', (await s.module.accounts.add('root', 'admin')).password);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => s.close());

  const call = (session: Session, method: string, route: string, body?: unknown) =>
    moderateRequest(s.url, session, method, route, body);
  const open = async (session: Session, options?: { reconnection?: boolean }) => {
    const console = await openConsole(s.url, session, options);
    sockets.push(console.socket);
    return console;
  };
  const account = async (name: string) => {
    const { moderator, password } = await s.module.accounts.add(name, 'moderator');
    return { moderator, password, session: await login(s.url, name, password) };
  };
  /** A broadcast to every console; resolves once `console` has it (it is still connected). */
  const broadcast = (jobId: string, ...consoles: Console[]) => {
    const received = consoles.map(
      (c) =>
        new Promise<void>((resolve) => {
          const listener = (p: { jobId: string }) => {
            if (p.jobId !== jobId) return;
            c.socket.off('ingest:progress', listener);
            resolve();
          };
          c.socket.on('ingest:progress', listener);
        }),
    );
    s.module.moderation.emit('ingest:progress', { jobId, stage: 'test', done: 0, total: 1 });
    return Promise.all(received);
  };

  it('closes the socket of a session that logs out, with a coded reason, and leaves the other session open', async () => {
    const { password, session } = await account('lou');
    const other = await open(await login(s.url, 'lou', password));
    const console = await open(session);
    expect((await call(session, 'POST', 'logout')).status).toBe(204);
    expect(await console.ended).toEqual({
      notice: { code: 'SESSION_ENDED', message: expect.any(String), reason: 'logout' },
      reason: 'io server disconnect',
    });
    await broadcast('after-logout', other);
    expect(console.progress).not.toContain('after-logout');
  });

  it("closes the account's other consoles on a password change, and every one on a reset or disable", async () => {
    const { moderator, password, session } = await account('pam');
    const second = await login(s.url, 'pam', password);
    const here = await open(session);
    const elsewhere = await open(second);
    const changed = await call(session, 'POST', 'password', {
      current: password,
      password: 'a long new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await elsewhere.ended).notice.reason).toBe('password-changed');
    await broadcast('after-change', here);

    expect((await call(root, 'POST', `moderators/${moderator.id}/password`)).status).toBe(200);
    expect((await here.ended).notice.reason).toBe('password-reset');

    const { moderator: other, session: otherSession } = await account('dot');
    const disabled = await open(otherSession);
    await call(root, 'PATCH', `moderators/${other.id}`, { disabled: true });
    expect((await disabled.ended).notice.reason).toBe('disabled');
  });

  it('closes a socket whose session was ended by another process, at the next recheck', async () => {
    const { moderator, session } = await account('cli');
    const console = await open(session);
    // As `factcheck moderators disable` does: its own connection to the database.
    await withStore(s.config, (store) =>
      new ModeratorAccounts(store.moderators, 60_000).update(moderator.id, { disabled: true }),
    );
    expect(await console.ended).toMatchObject({ notice: { reason: 'ended' } });
  });

  it('refuses to recover the connection of a session disabled while it was offline, and leaks nothing it missed', async () => {
    const kept = await account('kit');
    const lost = await account('nia');
    const keptConsole = await open(kept.session);
    const lostConsole = await open(lost.session);
    // Recovery resumes from the last broadcast a client saw.
    await broadcast('before', keptConsole, lostConsole);

    // The transport drops (as on a flaky network): the server keeps the session for recovery.
    const goOffline = async (c: Console) => {
      const onServer = s.server.io.of('/moderate').sockets.get(c.socket.id!)!;
      const gone = new Promise((resolve) => onServer.once('disconnect', resolve));
      c.socket.io.engine.close();
      expect(await gone).toBe('transport close');
    };
    await goOffline(keptConsole);
    await goOffline(lostConsole);
    await call(root, 'PATCH', `moderators/${lost.moderator.id}`, { disabled: true });
    s.module.moderation.emit('ingest:progress', { jobId: 'missed', stage: 't', done: 0, total: 1 });

    const reconnect = (c: Console) =>
      new Promise<{ connected: boolean; code?: string }>((resolve) => {
        c.socket.once('connect', () => resolve({ connected: true }));
        c.socket.once('connect_error', (err: Error & { data?: { code: string } }) =>
          resolve({ connected: false, code: err.data?.code }),
        );
        c.socket.connect();
      });
    // The account still enabled recovers and gets what it missed: recovery itself works here.
    expect(await reconnect(keptConsole)).toEqual({ connected: true });
    expect(keptConsole.socket.recovered).toBe(true);
    expect(keptConsole.progress).toContain('missed');

    expect(await reconnect(lostConsole)).toEqual({ connected: false, code: 'UNAUTHENTICATED' });
    expect(lostConsole.progress).not.toContain('missed');
  });
});

describe('console sessions expire', () => {
  let s: ModerationTestServer;
  beforeAll(async () => {
    // 0.002 hours: 7.2 s, long enough to log in and connect on a busy machine.
    s = await startModerationServer({ env: { MOD_SESSION_HOURS: '0.002' } });
  });
  afterAll(() => s.close());

  it('closes a console socket when its session expires', async () => {
    const { password } = await s.module.accounts.add('eli', 'moderator');
    const console = await openConsole(s.url, await login(s.url, 'eli', password));
    try {
      expect(await console.ended).toMatchObject({
        notice: { code: 'SESSION_ENDED', reason: 'expired' },
        reason: 'io server disconnect',
      });
    } finally {
      console.socket.close();
    }
  });
});
