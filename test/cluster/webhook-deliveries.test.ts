import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { newWebhookSecret } from '../../src/bots/webhook-bots.js';
import { WebhookDispatcher } from '../../src/bots/webhook-dispatcher.js';
import { redisClaimOnce } from '../../src/cluster/claim-once.js';
import { openRedis, type RedisConnection } from '../../src/cluster/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { openDb, type Db } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations.js';
import { createBotRepository } from '../../src/store/moderation-bots.js';
import { createSqliteSql } from '../../src/store/sqlite-sql.js';
import { listenLocally } from '../support/listen.js';
import { startRedis, type TestRedis } from '../support/redis.js';

describe('webhook deliveries on two nodes', () => {
  let redis: TestRedis;
  let dir: string;
  let db: Db;
  const connections: RedisConnection[] = [];
  const dispatchers: WebhookDispatcher[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-wh-nodes-'));
    db = openDb(path.join(dir, 'wh.sqlite'), migrations);
  });
  afterAll(async () => {
    for (const d of dispatchers) d.close();
    for (const c of connections) await c.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await redis.stop();
  });

  /** One node's dispatcher over the shared database and Redis. */
  function node(): WebhookDispatcher {
    const logger = createLogger('silent');
    const connection = openRedis({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    connections.push(connection);
    const dispatcher = new WebhookDispatcher(createBotRepository(createSqliteSql(db)), logger, {
      maxAttempts: 2,
      retryBaseMs: 20,
      allowPrivateAddresses: true,
      claim: redisClaimOnce(connection),
    });
    dispatchers.push(dispatcher);
    return dispatcher;
  }

  it('sends one message about one answer once, though both nodes send it', async () => {
    const received: string[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    const url = `${await listenLocally(receiver)}/hook`;
    try {
      const repo = createBotRepository(createSqliteSql(db));
      const bot = (await repo.add('relay', url, newWebhookSecret(), Date.now()))!;
      const [a, b] = [node(), node()];
      const correction = { type: 'correction', answerId: 'ans-1', verdict: 'REFUTED' };
      const sent = await Promise.all([
        a.send(bot, 'correction', 'ans-1', correction),
        b.send(bot, 'correction', 'ans-1', correction),
      ]);
      expect(sent).toEqual([true, true]);
      expect(received).toHaveLength(1);
      expect(await repo.deliveries(bot.id)).toHaveLength(1);
      // Another message about the same answer (a later review) is its own delivery.
      await b.send(bot, 'correction', 'ans-1', { ...correction, verdict: 'SUPPORTED' });
      expect(received).toHaveLength(2);
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});
