import { runExclusive } from '../../src/cluster/exclusive.js';
import { openRedis, type RedisConnection } from '../../src/cluster/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { startRedis, type TestRedis } from '../support/redis.js';

describe('work run by one node at a time', () => {
  let redis: TestRedis;
  let nodes: RedisConnection[];
  beforeAll(async () => {
    redis = await startRedis();
    const open = () =>
      openRedis({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' }, createLogger('silent'));
    nodes = [open(), open(), open()];
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis.stop();
  });

  it('never runs two pieces of work under one name at once, whichever nodes start them', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const work = async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running--;
      return 'done';
    };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => runExclusive(nodes[i % 3]!, 'index', work)),
    );
    expect(results).toEqual(Array(6).fill('done'));
    expect(mostAtOnce).toBe(1);
  });

  it('frees the name when the work fails, and stops waiting when aborted', async () => {
    await expect(
      runExclusive(nodes[0]!, 'index', async () => {
        throw new Error('ingest failed');
      }),
    ).rejects.toThrow('ingest failed');
    expect(await runExclusive(nodes[1]!, 'index', async () => 'next')).toBe('next');

    let release!: () => void;
    let started!: () => void;
    const isHeld = new Promise<void>((r) => (started = r));
    const holding = runExclusive(
      nodes[0]!,
      'index',
      () =>
        new Promise<void>((r) => {
          release = r;
          started();
        }),
    );
    await isHeld;
    const stopper = new AbortController();
    const waiting = runExclusive(nodes[1]!, 'index', async () => 'never', stopper.signal);
    stopper.abort();
    await expect(waiting).rejects.toThrow();
    release();
    await holding;
  });
});
