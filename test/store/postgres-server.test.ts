import fs from 'node:fs';
import { moderationPlugin } from '../../src/server/moderate/moderation-plugin.js';
import { serviceDbFile } from '../../src/store/store.js';
import type { Checker } from '../../src/verdict/checker-types.js';
import { INDEX_BUILD_TIMEOUT_MS, realChecker } from '../server/support/real-checker.js';
import { startPostgres, usePostgres, type PostgresServer } from '../support/postgres.js';
import { openRawSql } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';

const CLAIM = 'Drinking coffee causes cancer';

describe('the server over PostgreSQL (DATABASE_URL)', () => {
  const database = usePostgres();
  let checker: Checker;
  let server: TestServer;
  beforeAll(async () => {
    checker = await realChecker();
    server = await startTestServer(checker, {
      settings: { DATABASE_URL: database.url },
      plugins: [moderationPlugin()],
    });
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
    await checker?.close();
  });

  it('answers a claim and stores the answer, and its cluster record, in PostgreSQL', async () => {
    const res = await fetch(`${server.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: CLAIM }),
    });
    expect(res.status).toBe(200);
    const { answerId } = (await res.json()) as { answerId: string };

    const raw = openRawSql({ DATA_DIR: server.dataDir, DATABASE_URL: database.url });
    try {
      expect(raw.dialect).toBe('postgres');
      expect(
        await raw.get('SELECT claim, index_version FROM chat_answers WHERE id = ?', [answerId]),
      ).toEqual({ claim: CLAIM, index_version: checker.indexVersion });
      // Clustered after the answer (off its path): the claim row, and the outbox emptied.
      await waitFor(
        () => raw.get('SELECT cluster_id FROM mod_cluster_claims WHERE answer_id = ?', [answerId]),
        30_000,
        'the cluster record',
      );
      expect(await raw.all('SELECT answer_id FROM mod_cluster_outbox')).toEqual([]);
    } finally {
      await raw.close();
    }
    // Nothing went to a SQLite file beside it.
    expect(fs.existsSync(serviceDbFile(server.config))).toBe(false);
  });
});

describe('a server whose PostgreSQL goes away', () => {
  let postgres: PostgresServer;
  let server: TestServer;
  beforeAll(async () => {
    postgres = await startPostgres();
    // A checker that never loads: what is read here is stored answers, not new checks.
    server = await startTestServer(new Promise<Checker>(() => undefined), {
      settings: { DATABASE_URL: await postgres.createDatabase() },
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it('refuses reads with 503 STORE_UNAVAILABLE and keeps serving', async () => {
    const { answerId } = await server.store.answers.save({
      result: { claim: CLAIM, verdict: 'REFUTED', confidence: 0.9, answer: 'No.', citations: [] },
      indexVersion: 'test',
      channel: 'rest',
      latencyMs: 1,
    });
    const read = () => fetch(`${server.url}/api/v1/answers/${answerId}`);
    expect((await read()).status).toBe(200);

    await postgres.stop();
    const refused = await read();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      error: { code: 'STORE_UNAVAILABLE', message: expect.any(String) },
    });
    // The process is up: what needs no database still answers.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
