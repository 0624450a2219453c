import { openRedis } from '../../src/cluster/redis-connection.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logger.js';
import { startRedis, type TestRedis } from '../support/redis.js';

describe('Redis settings', () => {
  it('takes redis:// and rediss:// URLs and refuses anything else', () => {
    expect(loadConfig({}).REDIS_URL).toBe('');
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache:6380/1' }).REDIS_URL).toBe(
      'rediss://:pw@cache:6380/1',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'has space' })).toThrow(/REDIS_KEY_PREFIX/);
  });
});

describe('the Redis connection', () => {
  let redis: TestRedis;
  beforeEach(async () => {
    redis = await startRedis();
  });
  afterEach(() => redis.stop());

  const open = (url = redis.url) =>
    openRedis({ REDIS_URL: url, REDIS_KEY_PREFIX: 'test:' }, createLogger('silent'));

  it('runs commands and closes every connection it opened, duplicates too', async () => {
    const connection = open();
    const extra = connection.duplicate();
    await connection.client.set(`${connection.prefix}k`, 'v');
    expect(await extra.get('test:k')).toBe('v');
    await connection.close();
    expect(connection.client.status).toBe('end');
    expect(extra.status).toBe('end');
  });

  it('fails a command, instead of holding it, when Redis is gone', async () => {
    const connection = open();
    await connection.client.ping();
    await redis.stop();
    await expect(connection.client.get('test:k')).rejects.toThrow();
    await connection.close();
  });
});
