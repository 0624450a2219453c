import {
  login,
  moderateRequest,
  startModerationServer,
  type ModerationTestServer,
} from './support/moderation-server.js';

/** A login from `address` (the server trusts X-Forwarded-For here, as behind a proxy). */
function loginFrom(url: string, address: string, name: string, password: string) {
  return fetch(`${url}/api/v1/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ name, password }),
  });
}

const codeOf = async (res: Response) =>
  ((await res.json()) as { error?: { code: string } }).error?.code;

describe('login limits', () => {
  let s: ModerationTestServer;

  beforeAll(async () => {
    s = await startModerationServer({
      env: {
        MOD_LOGIN_ATTEMPTS: '3',
        // Long enough that no wait runs out while a test is still asserting on it.
        MOD_LOGIN_DELAY_S: '600',
        TRUST_PROXY: 'true',
        RATE_ANON_PER_MINUTE: '100000',
      },
    });
  });
  afterAll(() => s.close());

  it('checks no more passwords than allowed when 40 logins arrive at once, the right one among them', async () => {
    const { password } = await s.module.accounts.add('concurrent', 'admin');
    const passwords = Array.from({ length: 40 }, (_, i) => (i === 39 ? password : `wrong-${i}`));
    const responses = await Promise.all(
      passwords.map((pw) => loginFrom(s.url, '203.0.113.7', 'concurrent', pw)),
    );
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((status) => status !== 429);
    expect(checked.length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40 - checked.length);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await codeOf(refused)).toBe('RATE_LIMITED');
  });

  it('delays only the address that failed: the account still opens from elsewhere', async () => {
    const { password } = await s.module.accounts.add('target', 'admin');
    for (let i = 0; i < 3; i++)
      expect((await loginFrom(s.url, '198.51.100.1', 'target', 'guess')).status).toBe(401);
    const attacker = await loginFrom(s.url, '198.51.100.1', 'target', password);
    expect(attacker.status).toBe(429);
    expect(await codeOf(attacker)).toBe('RATE_LIMITED');
    expect((await loginFrom(s.url, '198.51.100.2', 'target', password)).status).toBe(200);
  });

  it("does not clear one address's failures with a success from another", async () => {
    const { password } = await s.module.accounts.add('shared', 'moderator');
    for (let i = 0; i < 2; i++)
      expect((await loginFrom(s.url, '192.0.2.10', 'shared', 'guess')).status).toBe(401);
    expect((await loginFrom(s.url, '192.0.2.11', 'shared', password)).status).toBe(200);
    expect((await loginFrom(s.url, '192.0.2.10', 'shared', 'guess')).status).toBe(401);
    expect((await loginFrom(s.url, '192.0.2.10', 'shared', password)).status).toBe(429);
  });

  it('limits wrong current passwords on a password change, concurrent ones too', async () => {
    const { password } = await s.module.accounts.add('changer', 'moderator');
    const session = await login(s.url, 'changer', password);
    const change = (current: string) =>
      moderateRequest(s.url, session, 'POST', 'password', {
        current,
        password: 'a new long password',
      });
    const statuses = (await Promise.all(Array.from({ length: 15 }, () => change('wrong')))).map(
      (r) => r.status,
    );
    expect(statuses.filter((status) => status === 403).length).toBeLessThanOrEqual(3);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(12);
    const right = await change(password);
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
  });
});
