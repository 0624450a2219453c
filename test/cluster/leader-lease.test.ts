import { leaderLease, type LeaderLease } from '../../src/cluster/leader-lease.js';
import { openRedis, type RedisConnection } from '../../src/cluster/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

describe('leader lease', () => {
  let redis: TestRedis;
  const connections: RedisConnection[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of connections) await c.close();
    await redis.stop();
  });

  /** A node contending for the lease; `working` says whether it does the leader's work now. */
  function node() {
    const logger = createLogger('silent');
    const connection = openRedis({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    connections.push(connection);
    const state = { working: false, lease: undefined as LeaderLease | undefined };
    state.lease = leaderLease(
      connection,
      'polling',
      {
        ttlMs: 600,
        onLead: async () => {
          state.working = true;
        },
        onStepDown: async () => {
          state.working = false;
        },
      },
      logger,
    );
    return state;
  }

  it('lets one node of three lead, and another take over once the leader stops', async () => {
    const nodes = [node(), node(), node()];
    const leader = await waitFor(() => nodes.find((n) => n.working), 10_000, 'a leader');
    // Several renewals later there is still exactly one.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(nodes.filter((n) => n.working)).toEqual([leader]);
    await leader.lease!.close();
    expect(leader.working).toBe(false);
    const next = await waitFor(() => nodes.find((n) => n.working), 10_000, 'a new leader');
    expect(next).not.toBe(leader);
    expect(nodes.filter((n) => n.working)).toHaveLength(1);
    for (const n of nodes) await n.lease!.close();
  });

  it('stops the work when Redis is gone, rather than risk two leaders', async () => {
    const gone = await startRedis();
    const logger = createLogger('silent');
    const connection = openRedis({ REDIS_URL: gone.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    connections.push(connection);
    let working = false;
    const lease = leaderLease(
      connection,
      'polling',
      {
        ttlMs: 600,
        onLead: async () => {
          working = true;
        },
        onStepDown: async () => {
          working = false;
        },
      },
      logger,
    );
    await waitFor(() => working, 10_000, 'leading');
    await gone.stop();
    await waitFor(() => !working, 20_000, 'stepping down');
    await lease.close();
  });
});
