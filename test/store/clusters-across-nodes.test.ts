import fs from 'node:fs';
import pg from 'pg';
import { createLogger } from '../../src/logger.js';
import { ModerationService } from '../../src/moderation/moderation-service.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { CheckResult } from '../../src/types.js';
import { tempDir, testConfig } from '../server/support/real-checker.js';
import { useBackend } from '../support/stores.js';

const RUMOR = 'The city water supply was poisoned overnight';
const OTHER = 'Schools across the region close for a month from Monday';

const answered = (claim: string): CheckResult => ({
  claim,
  verdict: 'NOT_ENOUGH_INFO',
  confidence: 0.4,
  answer: 'Not enough information.',
  citations: [],
});

/**
 * Several nodes share PostgreSQL. (SQLite serves one process: two connections of one process
 * would wait on each other's write lock while the first awaits inside its transaction.)
 */
describe('clusters shared by nodes over one PostgreSQL database', () => {
  const database = useBackend('postgres');
  let dir: string;
  let url: string;
  let stores: Store[];
  let nodes: ModerationService[];

  beforeEach(async () => {
    dir = tempDir('factcheck-nodes-');
    const backend = await database.fresh();
    url = backend.DATABASE_URL!;
    const config = testConfig(dir, backend);
    // Two nodes: each its own connection(s) and its own clusterer in memory.
    stores = [await openStore(config), await openStore(config)];
    nodes = stores.map(
      (store) =>
        new ModerationService({ store, config, logger: createLogger('silent'), publicUrl: '' }),
    );
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const record = (node: ModerationService, text: string) =>
    node.record({ answerId: null, text, result: answered(text), channel: 'rest' });

  it('opens one cluster, counted twice, when both nodes get the same new rumor at once', async () => {
    const [a, b] = await Promise.all([record(nodes[0]!, RUMOR), record(nodes[1]!, RUMOR)]);
    expect(a.clusterId).toBe(b.clusterId);
    const active = await stores[0]!.clusters.activeClusters(0);
    expect(active.map((c) => [c.cluster.id, c.times.length])).toEqual([[a.clusterId, 2]]);
    expect((await nodes[1]!.cluster(a.clusterId)).count).toBe(2);
  });

  it('applies a review of a rumor clustered on another node to what this node answers', async () => {
    const clustered = await record(nodes[0]!, RUMOR);
    const mod = (await stores[0]!.moderators.create('mod', 'moderator', 'hash', 0))!;
    await stores[0]!.curated.add({
      clusterId: clustered.clusterId,
      verdict: 'REFUTED',
      answer: 'The water was tested this morning: it is safe.',
      citations: [],
      moderatorId: mod.id,
      createdAt: Date.now(),
    });
    const screened = await nodes[1]!.screen(RUMOR, answered(RUMOR));
    expect(screened.reviewed).toMatchObject({ kind: 'curated', clusterId: clustered.clusterId });
  });

  it('joins a claim to the cluster another node opened since it started, and keeps other rumors apart', async () => {
    const first = await record(nodes[0]!, RUMOR);
    const other = await record(nodes[0]!, OTHER);
    expect(other.clusterId).not.toBe(first.clusterId);
    expect((await record(nodes[1]!, RUMOR)).clusterId).toBe(first.clusterId);
    expect((await record(nodes[1]!, OTHER)).clusterId).toBe(other.clusterId);
    expect((await record(nodes[0]!, RUMOR)).clusterId).toBe(first.clusterId);
    const counts = (await stores[1]!.clusters.activeClusters(0)).map((c) => c.times.length);
    expect(counts.sort()).toEqual([2, 3]);
  });

  it('assigns one claim at a time per node: a burst never holds connections waiting on the lock', async () => {
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    let waiting = 0;
    let bursting = true;
    const watch = (async () => {
      while (bursting) {
        const { rows } = await watcher.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
        );
        waiting = Math.max(waiting, Number(rows[0]!.n));
      }
    })();
    try {
      const texts = Array.from({ length: 24 }, (_, i) => (i % 2 ? RUMOR : `${OTHER} (${i})`));
      const claims = await Promise.all(texts.map((t) => record(nodes[0]!, t)));
      expect(new Set(claims.filter((_, i) => i % 2).map((c) => c.clusterId)).size).toBe(1);
    } finally {
      bursting = false;
      await watch;
      await watcher.end();
    }
    // One node: its assignments queue in the process, so none waits on the lock in PostgreSQL.
    expect(waiting).toBe(0);
  });
});
