import { io as connect } from 'socket.io-client';
import {
  login,
  postLogin,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

describe('moderator authentication', () => {
  let s: ModerationTestServer;
  let password: string;

  beforeAll(async () => {
    s = await startModerationServer({ env: { MOD_LOGIN_ATTEMPTS: '3', MOD_LOGIN_DELAY_S: '600' } });
    ({ password } = await s.module.accounts.add('alice', 'moderator'));
  });
  afterAll(() => s.close());

  it('refuses every moderation route without a session with a coded 401', async () => {
    for (const [method, route] of [
      ['GET', 'clusters'],
      ['GET', 'feed'],
      ['GET', 'audit'],
      ['GET', 'session'],
      ['POST', 'logout'],
      ['POST', 'clusters/x/curated'],
      ['GET', 'no-such-route'],
    ]) {
      const res = await fetch(`${s.url}/api/v1/moderate/${route}`, { method });
      expect([route, res.status]).toEqual([route, 401]);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'UNAUTHENTICATED',
      );
    }
  });

  it('refuses a /moderate socket without a session with a coded connect error', async () => {
    const socket = connect(`${s.url}/moderate`, { transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      socket.on('connect_error', resolve),
    );
    socket.close();
    expect(err.data?.code).toBe('UNAUTHENTICATED');
  });

  it('sets an httpOnly SameSite session cookie, not Secure over plain http', async () => {
    const { setCookie, csrfToken } = await login(s.url, 'alice', password);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(csrfToken.length).toBeGreaterThan(20);
  });

  it('marks the cookie Secure when the setting says so', async () => {
    const secure = await startModerationServer({ env: { MOD_COOKIE_SECURE: 'true' } });
    try {
      const { password: pw } = await secure.module.accounts.add('bob', 'admin');
      expect((await login(secure.url, 'bob', pw)).setCookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('lets a logged-in moderator read clusters and connect to /moderate', async () => {
    const { cookie } = await login(s.url, 'alice', password);
    const res = await fetch(`${s.url}/api/v1/moderate/clusters`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
    const socket = connect(`${s.url}/moderate`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie },
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', resolve);
      socket.on('connect_error', reject);
    });
    socket.close();
  });

  it('refuses state changes without the CSRF token', async () => {
    const { cookie, csrfToken } = await login(s.url, 'alice', password);
    const without = await fetch(`${s.url}/api/v1/moderate/logout`, {
      method: 'POST',
      headers: { cookie },
    });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
    const wrong = await fetch(`${s.url}/api/v1/moderate/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) },
    });
    expect(wrong.status).toBe(403);
  });

  it('ends the session on logout', async () => {
    const { cookie, csrfToken } = await login(s.url, 'alice', password);
    const out = await fetch(`${s.url}/api/v1/moderate/logout`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await fetch(`${s.url}/api/v1/moderate/clusters`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('keeps moderators from admin routes', async () => {
    const { cookie } = await login(s.url, 'alice', password);
    const res = await fetch(`${s.url}/api/v1/moderate/moderators`, { headers: { cookie } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  it('answers malformed login bodies with a coded 400', async () => {
    const bad = await fetch(`${s.url}/api/v1/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON');
    const wrongType = await fetch(`${s.url}/api/v1/moderate/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 5, password: [] }),
    });
    expect(((await wrongType.json()) as { error: { code: string } }).error.code).toBe(
      'VALIDATION_FAILED',
    );
  });

  it('rate-limits failed logins, even with the right password afterwards', async () => {
    const carol = await s.module.accounts.add('carol', 'moderator');
    const attempt = (pw: string) => postLogin(s.url, 'carol', pw);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('wrong-password')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const res = await attempt(carol.password);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});
