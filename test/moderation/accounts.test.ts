import { io as connect, type Socket } from 'socket.io-client';
import type { Moderator } from '../../src/store/moderation-accounts.js';
import {
  login,
  moderateRequest,
  postLogin,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

type Session = { cookie: string; csrfToken: string };
type Reply = Record<string, unknown> & { error?: { code: string }; password?: string };

describe('moderator account management', () => {
  let s: ModerationTestServer;
  let root: Session;
  let rootPassword: string;

  beforeAll(async () => {
    s = await startModerationServer();
    ({ password: rootPassword } = await s.module.accounts.add('root', 'admin'));
    root = await login(s.url, 'root', rootPassword);
  });
  afterAll(() => s.close());

  const call = async (session: Session, method: string, route: string, body?: unknown) => {
    const res = await moderateRequest(s.url, session, method, route, body);
    const text = await res.text();
    // Each test reads the shape its route answers with.
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Reply };
  };
  const codeOf = (r: { body: Reply }) => r.body.error?.code;
  const add = async (name: string, role = 'moderator') => {
    const created = await call(root, 'POST', 'moderators', { name, role });
    expect(created.status).toBe(201);
    return created.body as unknown as { moderator: Moderator; password: string };
  };
  const loginStatus = async (name: string, password: string) =>
    (await postLogin(s.url, name, password)).status;
  const connectConsole = async (session: Session): Promise<Socket> => {
    const socket = connect(`${s.url}/moderate`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: session.cookie },
    });
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    return socket;
  };
  const disconnected = (socket: Socket) =>
    new Promise<string>((resolve) => socket.on('disconnect', resolve));

  it('disables an account: its sessions and open consoles end and it cannot log in until enabled', async () => {
    const { moderator, password } = await add('bea');
    const bea = await login(s.url, 'bea', password);
    const socket = await connectConsole(bea);
    const closed = disconnected(socket);

    const disabled = await call(root, 'PATCH', `moderators/${moderator.id}`, { disabled: true });
    expect(disabled).toMatchObject({ status: 200, body: { name: 'bea', disabled: true } });
    expect(await closed).toBe('io server disconnect');
    expect(codeOf(await call(bea, 'GET', 'clusters'))).toBe('UNAUTHENTICATED');
    expect(await loginStatus('bea', password)).toBe(403);
    // A wrong password is told apart from a disabled account only by those who know the right one.
    expect(await loginStatus('bea', 'not-her-password')).toBe(401);

    await call(root, 'PATCH', `moderators/${moderator.id}`, { disabled: false });
    expect(await loginStatus('bea', password)).toBe(200);
  });

  it('resets a password: the old one stops working, the new one is shown once', async () => {
    const { moderator, password } = await add('cai');
    const cai = await login(s.url, 'cai', password);
    const reset = await call(root, 'POST', `moderators/${moderator.id}/password`);
    expect(reset.status).toBe(200);
    expect(reset.body.password).toMatch(/\S{12,}/);
    expect(reset.body.password).not.toBe(password);
    expect(await loginStatus('cai', password)).toBe(401);
    expect(codeOf(await call(cai, 'GET', 'clusters'))).toBe('UNAUTHENTICATED');
    expect(await loginStatus('cai', reset.body.password as string)).toBe(200);
  });

  it('lets moderators change their own password, ending only their other sessions', async () => {
    const { password } = await add('dee');
    const here = await login(s.url, 'dee', password);
    const elsewhere = await login(s.url, 'dee', password);
    const wrong = await call(here, 'POST', 'password', {
      current: 'not-the-password',
      password: 'a long new passphrase',
    });
    expect([wrong.status, codeOf(wrong)]).toEqual([403, 'FORBIDDEN']);
    const short = await call(here, 'POST', 'password', { current: password, password: 'short' });
    expect(codeOf(short)).toBe('VALIDATION_FAILED');

    const changed = await call(here, 'POST', 'password', {
      current: password,
      password: 'a long new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await call(here, 'GET', 'session')).status).toBe(200);
    expect(codeOf(await call(elsewhere, 'GET', 'session'))).toBe('UNAUTHENTICATED');
    expect(await loginStatus('dee', 'a long new passphrase')).toBe(200);
    expect(await loginStatus('dee', password)).toBe(401);
  });

  it('changes roles, and refuses to leave no admin who can log in', async () => {
    const { moderator, password } = await add('eve');
    const promoted = await call(root, 'PATCH', `moderators/${moderator.id}`, { role: 'admin' });
    expect(promoted.body).toMatchObject({ role: 'admin' });
    const list = (await call(root, 'GET', 'moderators')).body as unknown as Moderator[];
    const rootId = list.find((m) => m.name === 'root')!.id;
    // Two admins: root may step down; then eve is the last one and may not.
    expect((await call(root, 'PATCH', `moderators/${rootId}`, { role: 'moderator' })).status).toBe(
      200,
    );
    const eve = await login(s.url, 'eve', password);
    const last = await call(eve, 'PATCH', `moderators/${moderator.id}`, { disabled: true });
    expect([last.status, codeOf(last)]).toEqual([409, 'CONFLICT']);
    const demote = await call(eve, 'PATCH', `moderators/${moderator.id}`, { role: 'moderator' });
    expect(codeOf(demote)).toBe('CONFLICT');
    // root is a moderator now: account management is refused.
    expect(codeOf(await call(root, 'PATCH', `moderators/${rootId}`, { role: 'admin' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      (await call(eve, 'PATCH', `moderators/${rootId}`, { role: 'admin' })).body,
    ).toMatchObject({ role: 'admin' });
  });

  it('refuses bad ids and bodies with codes, and logs every change without passwords', async () => {
    expect(codeOf(await call(root, 'PATCH', 'moderators/999999', { disabled: true }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await call(root, 'PATCH', 'moderators/abc', { disabled: true }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await call(root, 'POST', 'moderators/-1/password'))).toBe('NOT_FOUND');
    const list = (await call(root, 'GET', 'moderators')).body as unknown as Moderator[];
    const id = list[0]!.id;
    for (const body of [{}, { role: 'owner' }, { disabled: 'yes' }, { role: 'admin', extra: 1 }]) {
      expect([body, codeOf(await call(root, 'PATCH', `moderators/${id}`, body))]).toEqual([
        body,
        'VALIDATION_FAILED',
      ]);
    }
    const audit = (await call(root, 'GET', 'audit')).body as unknown as {
      action: string;
      before: unknown;
      after: unknown;
    }[];
    const actions = new Set(audit.map((a) => a.action));
    for (const action of [
      'moderator.create',
      'moderator.update',
      'moderator.reset-password',
      'moderator.change-password',
    ])
      expect(actions).toContain(action);
    expect(JSON.stringify(audit)).not.toMatch(/passphrase/);
    expect(audit.find((a) => a.action === 'moderator.update')).toMatchObject({
      before: { disabled: expect.any(Boolean) },
      after: { disabled: expect.any(Boolean) },
    });
  });
});
