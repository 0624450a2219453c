import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.js';
import { ModeratorAccounts } from '../../src/moderation/moderator-accounts.js';
import { withStore, type StoreConfig } from '../../src/store/store.js';
import { BACKENDS, useBackend } from '../support/stores.js';

/** Where the CLI keeps its state: a data folder, and a PostgreSQL database when one is given. */
type Settings = { DATA_DIR: string; DATABASE_URL?: string };

/** Runs the CLI with these settings in its environment, capturing what it writes to stdout. */
async function cli(
  settings: Settings,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const previous = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
  process.env.DATA_DIR = settings.DATA_DIR;
  if (settings.DATABASE_URL) process.env.DATABASE_URL = settings.DATABASE_URL;
  let out = '';
  let err = '';
  const write = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((out += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((err += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await run(args), out, err };
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
    for (const [key, value] of Object.entries(previous))
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  }
}

describe.each(BACKENDS)('factcheck moderators, keys and bots (%s store)', (backend) => {
  const database = useBackend(backend);
  let dir: Settings;
  beforeEach(async () => {
    dir = {
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-cli-')),
      ...(await database.fresh()),
    };
  });
  afterEach(() => fs.rmSync(dir.DATA_DIR, { recursive: true, force: true }));
  /** The store the CLI wrote to, opened as the server would open it. */
  const inStore = <T>(work: Parameters<typeof withStore<T>>[1]) =>
    withStore(dir satisfies StoreConfig, work);

  it('creates a moderator and prints a one-time password alone on the last line', async () => {
    const { code, out } = await cli(dir, 'moderators', 'add', 'alice', '--role', 'admin');
    expect(code).toBe(0);
    const password = out.trimEnd().split('\n').at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const opened = await inStore((store) =>
      new ModeratorAccounts(store.moderators, 60_000).login('alice', password),
    );
    expect(opened?.session.moderator).toMatchObject({ name: 'alice', role: 'admin' });
  });

  it('refuses a taken name, a bad role and a bad name with coded errors', async () => {
    await cli(dir, 'moderators', 'add', 'bob');
    const again = await cli(dir, 'moderators', 'add', 'bob');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/CONFLICT/);
    expect((await cli(dir, 'moderators', 'add', 'carol', '--role', 'king')).err).toMatch(
      /VALIDATION_FAILED/,
    );
    expect((await cli(dir, 'moderators', 'add', 'no spaces')).err).toMatch(/VALIDATION_FAILED/);
  });

  it('resets a password and disables and enables an account, refusing unknown names', async () => {
    const first = (await cli(dir, 'moderators', 'add', 'dana')).out.trimEnd().split('\n').at(-1)!;
    const reset = await cli(dir, 'moderators', 'reset', 'dana');
    expect(reset.code).toBe(0);
    const second = reset.out.trimEnd().split('\n').at(-1)!;
    expect(second).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(second).not.toBe(first);
    expect((await cli(dir, 'moderators', 'disable', 'dana')).code).toBe(0);
    expect((await cli(dir, 'moderators', 'list')).out).toMatch(/dana\tmoderator\tdisabled/);
    await inStore(async (store) => {
      const accounts = new ModeratorAccounts(store.moderators, 60_000);
      await expect(accounts.login('dana', second)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await cli(dir, 'moderators', 'enable', 'dana')).code).toBe(0);
      expect(await accounts.login('dana', first)).toBeUndefined();
      expect((await accounts.login('dana', second))?.session.moderator.name).toBe('dana');
    });
    expect((await cli(dir, 'moderators', 'reset', 'nobody')).err).toMatch(/NOT_FOUND/);
  });

  it('registers a webhook bot and prints its signing secret on the last line', async () => {
    const { code, out } = await cli(
      dir,
      'bots',
      'add',
      'chatapp',
      '--url',
      'https://example.test/hook',
    );
    expect(code).toBe(0);
    const secret = out.trimEnd().split('\n').at(-1)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(await inStore((store) => store.bots.list())).toMatchObject([
      { name: 'chatapp', url: 'https://example.test/hook', secret },
    ]);
    expect((await cli(dir, 'bots', 'add', 'x', '--url', 'ftp://nope')).err).toMatch(
      /VALIDATION_FAILED/,
    );
  });

  it('creates, lists and revokes an API key that the store then verifies', async () => {
    const created = await cli(dir, 'keys', 'create', 'partner');
    expect(created.code).toBe(0);
    const key = created.out.trimEnd().split('\n').at(-1)!;
    expect(key).toMatch(/^fck_/);
    expect(await inStore((store) => store.apiKeys.verify(key))).toMatchObject({ name: 'partner' });
    expect((await cli(dir, 'keys', 'list')).out).toMatch(/^partner\t/m);
    expect((await cli(dir, 'keys', 'create', 'partner')).err).toMatch(/CONFLICT/);
    expect((await cli(dir, 'keys', 'revoke', 'partner')).code).toBe(0);
    expect(await inStore((store) => store.apiKeys.verify(key))).toBeUndefined();
    expect((await cli(dir, 'keys', 'revoke', 'partner')).err).toMatch(/NOT_FOUND/);
  });

  it('refuses callback URLs on loopback, private and metadata addresses unless allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://localhost/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.5/hook',
      'http://[::1]/hook',
    ]) {
      const { code, err } = await cli(dir, 'bots', 'add', 'inside', '--url', url);
      expect([url, code, err]).toEqual([url, 1, expect.stringMatching(/CALLBACK_URL_NOT_ALLOWED/)]);
    }
    process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
    try {
      expect((await cli(dir, 'bots', 'add', 'inside', '--url', 'http://localhost/hook')).code).toBe(
        0,
      );
    } finally {
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
    }
  });
});
