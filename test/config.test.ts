import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { AppError } from '../src/errors.js';

describe('config', () => {
  it('defaults paths to folders of the project', () => {
    const cfg = loadConfig({});
    expect(cfg.KNOWLEDGE_DIR).toBe(path.join(PROJECT_ROOT, 'knowledge'));
    expect(cfg.PORT).toBe(3000);
  });

  it('resolves paths given in the environment against the working directory', () => {
    const cfg = loadConfig({ DATA_DIR: 'elsewhere' });
    expect(cfg.DATA_DIR).toBe(path.resolve('elsewhere'));
  });

  it('gives result-printing commands warnings only, unless LOG_LEVEL is set', () => {
    expect(loadConfig({}).commandLogLevel).toBe('warn');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).commandLogLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'info' }).commandLogLevel).toBe('info');
  });

  it('names every invalid setting in one CONFIG_INVALID error', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'abc', EMBEDDER: 'gpt' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('CONFIG_INVALID');
    expect((caught as AppError).message).toMatch(/PORT/);
    expect((caught as AppError).message).toMatch(/EMBEDDER/);
  });

  it('takes a PostgreSQL URL for the store and refuses any other kind', () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    const url = 'postgresql://factcheck:secret@db.internal:5432/factcheck';
    expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }).DATABASE_URL).toBe(
      'postgres://localhost/x',
    );
    for (const bad of ['mysql://localhost/x', 'data/factcheck.sqlite', 'postgres://'])
      expect(() => loadConfig({ DATABASE_URL: bad })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX/);
  });

  it('takes no NLI model by default and refuses an NLI weight outside 0 to 10', () => {
    expect(loadConfig({}).NLI_MODEL).toBe('');
    expect(loadConfig({ NLI_WEIGHT: '0' }).NLI_WEIGHT).toBe(0);
    for (const bad of ['-1', '11', 'strong'])
      expect(() => loadConfig({ NLI_WEIGHT: bad })).toThrow(/NLI_WEIGHT/);
  });

  it('refuses a session recheck period that is not positive (it would spin)', () => {
    expect(() => loadConfig({ MOD_SOCKET_RECHECK_S: '0' })).toThrow(/MOD_SOCKET_RECHECK_S/);
    expect(loadConfig({ MOD_SOCKET_RECHECK_S: '0.5' }).MOD_SOCKET_RECHECK_S).toBe(0.5);
  });

  it('refuses a Telegram webhook without a secret, or with one Telegram would not take', () => {
    const webhook = { TELEGRAM_BOT_TOKEN: '1:T', TELEGRAM_MODE: 'webhook' };
    expect(() => loadConfig(webhook)).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
    expect(() => loadConfig({ ...webhook, TELEGRAM_WEBHOOK_SECRET: 'a/b' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
    expect(loadConfig({ ...webhook, TELEGRAM_WEBHOOK_SECRET: 'a-B_9' }).TELEGRAM_MODE).toBe(
      'webhook',
    );
    // Polling needs no secret.
    expect(loadConfig({ ...webhook, TELEGRAM_MODE: 'polling' }).TELEGRAM_MODE).toBe('polling');
  });

  it('refuses an ingest job staleness a node missing one or two heartbeats would reach', () => {
    expect(loadConfig({}).INGEST_STALE_MS).toBeGreaterThan(2 * loadConfig({}).INGEST_HEARTBEAT_MS);
    expect(() => loadConfig({ INGEST_HEARTBEAT_MS: '5000', INGEST_STALE_MS: '10000' })).toThrow(
      /INGEST_STALE_MS/,
    );
    expect(() => loadConfig({ INGEST_HEARTBEAT_MS: '0' })).toThrow(/INGEST_HEARTBEAT_MS/);
    expect(loadConfig({ INGEST_HEARTBEAT_MS: '50', INGEST_STALE_MS: '500' })).toMatchObject({
      INGEST_HEARTBEAT_MS: 50,
      INGEST_STALE_MS: 500,
    });
  });

  it('refuses a client token key too short to sign with', () => {
    expect(() => loadConfig({ CLIENT_TOKEN_SECRET: 'short' })).toThrow(/CLIENT_TOKEN_SECRET/);
    expect(loadConfig({ CLIENT_TOKEN_SECRET: 'k'.repeat(32) }).CLIENT_TOKEN_SECRET).toHaveLength(
      32,
    );
    expect(loadConfig({}).CLIENT_TOKEN_SECRET).toBe('');
  });
});
