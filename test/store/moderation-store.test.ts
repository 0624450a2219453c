import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Store, type StoreConfig } from '../../src/store/store.js';
import type { ClusterClaim } from '../../src/store/moderation-clusters.js';
import { freePort } from '../support/postgres.js';
import { BACKENDS, openRawSql, useBackend } from '../support/stores.js';

const HOUR = 3_600_000;

/** A claim of cluster `clusterId` asked at `askedAt`, as the clusterer stores it. */
const claim = (
  clusterId: string,
  askedAt: number,
  answerId: string | null = null,
): Omit<ClusterClaim, 'id'> => ({
  clusterId,
  answerId,
  text: `claim of ${clusterId} at ${askedAt}`,
  channel: 'widget',
  asker: answerId ? { kind: 'widget', conversationId: `conv-${answerId}` } : null,
  askedAt,
  similarity: 0.75,
  verdict: 'REFUTED',
  confidence: 0.625,
  curatedId: null,
  features: { embedding: [0.5, -0.25], passages: ['doc.md:0'] },
});

describe.each(BACKENDS)('moderation store (%s)', (backend) => {
  const database = useBackend(backend);
  let settings: StoreConfig & { DATA_DIR: string };
  let store: Store;
  beforeEach(async () => {
    settings = {
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'moderation-store-')),
      ...(await database.fresh()),
    };
    store = await openStore(settings);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(settings.DATA_DIR, { recursive: true, force: true });
  });

  it('keeps accounts and sessions: unique names, expiry on sight, all sessions but one ended', async () => {
    const { moderators } = store;
    const alice = await moderators.create('alice', 'admin', 'hash-a', 1000);
    expect(alice).toEqual({
      id: expect.any(Number),
      name: 'alice',
      role: 'admin',
      createdAt: 1000,
      disabled: false,
    });
    expect(await moderators.create('alice', 'moderator', 'hash-b', 2000)).toBeUndefined();
    const id = alice!.id;
    expect(await moderators.findByName('alice')).toMatchObject({ id, passwordHash: 'hash-a' });
    expect(await moderators.activeAdmins()).toBe(1);

    await moderators.createSession('t1', id, 'csrf-1', 0, HOUR);
    await moderators.createSession('t2', id, 'csrf-2', 0, HOUR);
    await moderators.createSession('t3', id, 'csrf-3', 0, 10);
    expect(await moderators.findSession('t1', 5)).toMatchObject({
      csrfToken: 'csrf-1',
      expiresAt: HOUR,
    });
    expect(await moderators.findSession('t3', 20)).toBeUndefined();
    expect(await moderators.findSession('t3', 5)).toBeUndefined();
    await moderators.deleteSessionsOf(id, 't2');
    expect(await moderators.findSession('t1', 5)).toBeUndefined();
    expect(await moderators.findSession('t2', 5)).toMatchObject({ csrfToken: 'csrf-2' });

    expect(await moderators.update(id, { role: 'moderator', disabledAt: 3000 })).toMatchObject({
      role: 'moderator',
      disabled: true,
    });
    expect(await moderators.activeAdmins()).toBe(0);
    // A disabled account's sessions no longer open anything.
    expect(await moderators.findSession('t2', 5)).toBeUndefined();
    await moderators.setPasswordHash(id, 'hash-c');
    expect(await moderators.passwordHash(id)).toBe('hash-c');
    expect((await moderators.list()).map((m) => m.name)).toEqual(['alice']);
  });

  it('merges clusters: claims, reviewed answers and earlier merges follow the kept one', async () => {
    const { clusters, curated } = store;
    const mod = (await store.moderators.create('mod', 'moderator', 'h', 0))!;
    await clusters.createCluster('old', 'old rumor', 100);
    await clusters.createCluster('young', 'young rumor', 200);
    await clusters.addClaim(claim('old', 100));
    await clusters.addClaim(claim('young', 200));
    const last = await clusters.addClaim(claim('young', 900, 'answer-9'));
    const review = await curated.add({
      clusterId: 'young',
      verdict: 'REFUTED',
      answer: 'Reviewed.',
      citations: [],
      moderatorId: mod.id,
      createdAt: 950,
    });
    expect(review).toMatchObject({ clusterId: 'young', moderatorName: 'mod' });
    expect(await clusters.claimByAnswer('answer-9')).toEqual(last);

    await clusters.mergeClusters('old', 'young', 0.81, 1000);
    expect(await clusters.resolveId('young')).toBe('old');
    expect(await clusters.getCluster('young')).toBeUndefined();
    // The kept cluster was last asked when the latest of the two was.
    expect(await clusters.getCluster('old')).toEqual({
      id: 'old',
      representative: 'old rumor',
      createdAt: 100,
      lastAskedAt: 900,
    });
    expect(await clusters.askTimesOf('old')).toEqual([100, 200, 900]);
    expect((await curated.currentByCluster()).get('old')?.id).toBe(review.id);
    expect((await curated.forAnswer('answer-9'))?.id).toBe(review.id);
    expect(await clusters.recentClaimsOf('old', 2)).toMatchObject([
      { askedAt: 200 },
      { askedAt: 900, answerId: 'answer-9', similarity: 0.75, confidence: 0.625 },
    ]);
    expect((await clusters.claimsOf('old'))[0]?.features).toEqual(claim('old', 0).features);
  });

  it('lists activity and what to match after a restart, dormant clusters apart', async () => {
    const { clusters } = store;
    for (const [id, at] of [
      ['a', 10],
      ['b', 500],
      ['c', 600],
    ] as const) {
      await clusters.createCluster(id, `rumor ${id}`, at);
      for (let i = 0; i < 3; i++) await clusters.addClaim(claim(id, at + i));
    }
    const active = await clusters.activeClusters(400);
    expect(active.map((a) => [a.cluster.id, a.times.sort((x, y) => x - y)])).toEqual(
      expect.arrayContaining([
        ['b', [500, 501, 502]],
        ['c', [600, 601, 602]],
      ]),
    );
    expect(active).toHaveLength(2);
    expect(await clusters.dormantClusters(400)).toEqual(['a']);
    const matchable = await clusters.matchableClusters(400, 2);
    // Oldest cluster first, each with its last two claims, oldest of them first.
    expect(matchable.map((m) => [m.id, m.members.map((c) => c.text)])).toEqual([
      ['b', ['claim of b at 501', 'claim of b at 502']],
      ['c', ['claim of c at 601', 'claim of c at 602']],
    ]);
    expect((await clusters.recentClaims(2)).map((c) => c.askedAt)).toEqual([602, 601]);
  });

  it('keeps the outbox of answers to cluster in order, until their claim is stored', async () => {
    const { clusters } = store;
    await clusters.queueAnswer('a2', { kind: 'rest' }, 5);
    await clusters.queueAnswer('a1', { kind: 'webhook', botId: 1, ref: 'r' }, 5);
    await clusters.queueAnswer('a2', { kind: 'rest' }, 6);
    expect(await clusters.queuedAnswers()).toEqual([
      { answerId: 'a2', asker: { kind: 'rest' } },
      { answerId: 'a1', asker: { kind: 'webhook', botId: 1, ref: 'r' } },
    ]);
    await clusters.createCluster('k', 'k', 1);
    await clusters.addClaim(claim('k', 7, 'a2'));
    await clusters.unqueueAnswer('a1');
    expect(await clusters.queuedAnswers()).toEqual([]);
  });

  it('delivers a pending correction once, and logs audit entries newest first', async () => {
    await store.pendingCorrections.add('conv-1', { n: 1 }, 10);
    await store.pendingCorrections.add('conv-1', { n: 2 }, 11);
    await store.pendingCorrections.add('conv-2', { n: 3 }, 12);
    expect(await store.pendingCorrections.take('conv-1', 20)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await store.pendingCorrections.take('conv-1', 21)).toEqual([]);

    const first = await store.audit.record({
      moderatorId: null,
      moderatorName: 'cli',
      action: 'moderator.create',
      target: 'moderator:alice',
      before: undefined,
      after: { role: 'admin' },
      at: 1,
    });
    await store.audit.record({
      ...first,
      action: 'moderator.update',
      before: { role: 'admin' },
      at: 2,
    });
    expect(await store.audit.list(5)).toMatchObject([
      { action: 'moderator.update', before: { role: 'admin' }, after: { role: 'admin' } },
      { action: 'moderator.create', before: null, after: { role: 'admin' } },
    ]);
  });

  it('records bots, every delivery attempt, group settings, jobs and kept images', async () => {
    const { bots, ingestJobs, claimImages } = store;
    const bot = (await bots.add('chatapp', 'https://example.test/hook', 'secret', 1))!;
    expect(await bots.add('chatapp', 'https://other.test', 's', 2)).toBeUndefined();
    const delivery = await bots.createDelivery(bot.id, 'answer', 'a1', '{"x":1}', 3);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0, deliveredAt: null });
    await bots.recordAttempt(
      delivery.id,
      { status: 'pending', httpStatus: 503, error: 'HTTP 503' },
      4,
    );
    await bots.recordAttempt(delivery.id, { status: 'delivered', httpStatus: 200 }, 5);
    expect(await bots.delivery(delivery.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      deliveredAt: 5,
    });
    expect(await bots.deliveries(bot.id)).toHaveLength(1);
    expect(await bots.isAutoReply(-1001)).toBe(false);
    await bots.setAutoReply(-1001, true, 6);
    expect(await bots.isAutoReply(-1001)).toBe(true);
    expect(await bots.remove('chatapp')).toBe(true);
    expect(await bots.deliveries()).toEqual([]);

    await ingestJobs.add({ id: 'j2', action: 'upload', file: 'uploads/b.md', createdAt: 10 });
    await ingestJobs.add({ id: 'j1', action: 'upload', file: 'uploads/b.md', createdAt: 10 });
    // Two nodes draining at once: each job is claimed by one of them.
    const [first, second] = await Promise.all([
      ingestJobs.claim(['j2', 'j1'], 11, 'node-a'),
      ingestJobs.claim(['j2', 'j1'], 11, 'node-b'),
    ]);
    expect([...first!, ...second!].sort()).toEqual(['j1', 'j2']);
    expect(await ingestJobs.claim(['j1'], 11, 'node-b')).toEqual([]);
    // Once their heartbeats (at 11) are stale, the nodes are taken to have stopped.
    expect((await ingestJobs.requeueInterrupted(12)).sort()).toEqual(['j1', 'j2']);
    expect((await ingestJobs.pending()).map((j) => j.id)).toEqual(['j2', 'j1']);
    await ingestJobs.finish(['j1', 'j2'], 'done', { added: 1 }, 12);
    // A job held while its file is put in place is not pending until released.
    await ingestJobs.add(
      { id: 'j3', action: 'upload', file: 'uploads/c.md', createdAt: 13 },
      'node-a',
    );
    expect(await ingestJobs.pending()).toEqual([]);
    expect(await ingestJobs.claim(['j3'], 13, 'node-b')).toEqual([]);
    await ingestJobs.release('j3', 'node-a');
    expect((await ingestJobs.pending()).map((j) => j.id)).toEqual(['j3']);
    await ingestJobs.finish(['j3'], 'done', { added: 1 }, 14);
    expect(await ingestJobs.latestFor('uploads/b.md')).toMatchObject({
      id: 'j1',
      status: 'done',
      outcome: { added: 1 },
      finishedAt: 12,
    });

    const { answerId } = await store.answers.save({
      result: { claim: 'c', verdict: 'SUPPORTED', confidence: 1, answer: 'a', citations: [] },
      indexVersion: 'v',
      channel: 'rest',
      latencyMs: 1,
    });
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    await claimImages.save(answerId, { format: 'png', bytes });
    await claimImages.save(answerId, { format: 'webp', bytes });
    expect(await claimImages.get(answerId)).toEqual({ format: 'webp', bytes });
  });

  it('requeues only ingest jobs whose runner went quiet, once, whichever node asks', async () => {
    // A second node over the same database: its own connection(s), its own runner.
    const other = await openStore(settings);
    const raw = openRawSql(settings);
    try {
      const [a, b] = [store.ingestJobs, other.ingestJobs];
      await a.add({ id: 'run', action: 'reload', file: null, createdAt: 100 });
      expect(await a.claim(['run'], 100, 'node-a')).toEqual(['run']);
      await a.add({ id: 'held', action: 'upload', file: 'uploads/h.md', createdAt: 100 }, 'node-a');
      // Running from before heartbeats were recorded: nobody can tell it is alive.
      await a.add({ id: 'old', action: 'upload', file: 'uploads/o.md', createdAt: 90 });
      await raw.run(
        "UPDATE mod_ingest_jobs SET status = 'running', started_at = 90 WHERE id = 'old'",
      );

      // Node A's jobs beat at 100: fresh for node B, however often it asks.
      expect(await b.requeueInterrupted(100)).toEqual(['old']);
      expect(await b.get('run')).toMatchObject({
        status: 'running',
        runner: 'node-a',
        startedAt: 100,
        heartbeatAt: 100,
      });
      expect(await b.get('held')).toMatchObject({ status: 'running', heartbeatAt: 100 });
      await a.heartbeat('node-a', 120);
      await b.heartbeat('node-b', 200);
      expect(await b.requeueInterrupted(120)).toEqual([]);
      expect((await a.get('held'))?.heartbeatAt).toBe(120);

      // Node A goes quiet: both nodes requeue at the same moment, each job once.
      const [fromA, fromB] = await Promise.all([
        a.requeueInterrupted(121),
        b.requeueInterrupted(121),
      ]);
      expect([...fromA, ...fromB].sort()).toEqual(['held', 'run']);
      expect(await a.get('run')).toMatchObject({
        status: 'pending',
        runner: null,
        startedAt: null,
        heartbeatAt: null,
      });
      // A heartbeat or release from node A, late, does not take back a job node B now runs.
      expect(await b.claim(['held'], 130, 'node-b')).toEqual(['held']);
      await a.heartbeat('node-a', 140);
      await a.release('held', 'node-a');
      expect(await b.get('held')).toMatchObject({
        status: 'running',
        runner: 'node-b',
        heartbeatAt: 130,
      });
    } finally {
      await raw.close();
      await other.close();
    }
  });
});

describe('PostgreSQL store start-up', () => {
  const database = useBackend('postgres');

  it('migrates once when several nodes open the same database at once', async () => {
    const settings = { DATA_DIR: os.tmpdir(), ...(await database.fresh()) };
    const stores = await Promise.all([1, 2, 3].map(() => openStore(settings)));
    try {
      // One salt, so every node hashes a client alike.
      expect(new Set(stores.map((s) => s.clientHash('ip:192.0.2.1'))).size).toBe(1);
      await stores[0]!.apiKeys.create('shared');
      expect((await stores[2]!.apiKeys.list()).map((k) => k.name)).toEqual(['shared']);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses with STORE_UNAVAILABLE when the database cannot be reached', async () => {
    // A loopback port that was free a moment ago: nothing listens there.
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/none`;
    await expect(openStore({ DATA_DIR: os.tmpdir(), DATABASE_URL: url })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
  });
});
