/**
 * The store's two back-ends side by side: what an answer costs to store (with its cluster outbox
 * row, in one transaction) and to read, one at a time and with many requests in flight, and what
 * clustering a claim costs (the assignment lock and the sync with other nodes included).
 *
 * SQLite is the service's file in a temporary folder; PostgreSQL is a server of its own on a
 * loopback port in a temporary folder (fsync off, as in the tests: this compares the code paths,
 * not the disks). Both run on this machine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../src/logger.js';
import { ModerationService } from '../src/moderation/moderation-service.js';
import { openStore, type Store } from '../src/store/store.js';
import type { CheckResult } from '../src/types.js';
import { testConfig } from '../test/server/support/real-checker.js';
import { startPostgres } from '../test/support/postgres.js';

const OPS = 400;
const IN_FLIGHT = 16;

const result = (claim: string): CheckResult => ({
  claim,
  verdict: 'REFUTED',
  confidence: 0.8,
  answer: 'No [1].',
  citations: [
    {
      n: 1,
      docId: 'd1',
      title: 'T',
      source: 'a.md',
      start: 0,
      end: 3,
      quote: 'abc',
      score: 0.5,
      stance: 'refutes',
    },
  ],
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median ms of `op` run one at a time, and ops per second with IN_FLIGHT at once. */
async function measure(op: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < OPS; i++) {
    const start = performance.now();
    await op(i);
    times.push(performance.now() - start);
  }
  const start = performance.now();
  let next = OPS;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < 2 * OPS) await op(next++);
    }),
  );
  return { ms: median(times), perS: OPS / ((performance.now() - start) / 1000) };
}

async function run(store: Store, dir: string) {
  const save = (i: number) =>
    store.transaction(async (tx) => {
      const saved = await tx.answers.save({
        result: result(`claim ${i}`),
        indexVersion: 'v',
        channel: 'rest',
        latencyMs: 1,
      });
      await tx.clusters.queueAnswer(saved.answerId, { kind: 'rest' }, Date.now());
      return saved;
    });
  const ids: string[] = [];
  const saving = await measure(async (i) => ids.push((await save(i)).answerId));
  const reading = await measure((i) => store.answers.get(ids[i % ids.length]!));
  const moderation = new ModerationService({
    store,
    config: testConfig(dir),
    logger: createLogger('silent'),
    publicUrl: '',
  });
  const topics = ['water supply poisoned', 'schools close', 'bridge collapses', 'fuel doubles'];
  const clustering = await measure((i) => {
    const text = `The ${topics[i % topics.length]} in district ${i % 40}`;
    return moderation.record({ answerId: null, text, result: result(text), channel: 'rest' });
  });
  return { saving, reading, clustering };
}

const rows: string[] = [];
const row = (name: string, r: Awaited<ReturnType<typeof run>>) =>
  rows.push(
    `| ${name} | ${r.saving.ms.toFixed(2)} | ${r.saving.perS.toFixed(0)} | ${r.reading.ms.toFixed(2)} | ${r.reading.perS.toFixed(0)} | ${r.clustering.ms.toFixed(2)} | ${r.clustering.perS.toFixed(0)} |`,
  );

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-store-bench-'));
try {
  const sqlite = await openStore({ DATA_DIR: dir });
  row('SQLite', await run(sqlite, dir));
  await sqlite.close();
  const postgres = await startPostgres();
  try {
    const store = await openStore({ DATA_DIR: dir, DATABASE_URL: await postgres.createDatabase() });
    row('PostgreSQL', await run(store, dir));
    await store.close();
  } finally {
    await postgres.stop();
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
console.log(
  `${OPS} operations one at a time (median ms), then ${OPS} with ${IN_FLIGHT} in flight (per second)\n`,
);
console.log('| store | save ms | saves/s | read ms | reads/s | cluster ms | clustered/s |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
