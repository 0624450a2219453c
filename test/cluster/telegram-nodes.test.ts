import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BotAsk } from '../../src/bots/bot-ask.js';
import { createTelegramBot, type TelegramBot } from '../../src/bots/telegram-bot.js';
import { openRedis, type RedisConnection } from '../../src/cluster/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { openDb, type Db } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations.js';
import { createBotRepository } from '../../src/store/moderation-bots.js';
import { createSqliteSql } from '../../src/store/sqlite-sql.js';
import {
  messageUpdate,
  startFakeTelegram,
  type FakeTelegram,
} from '../bots/support/fake-telegram.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { waitFor } from '../support/wait-for.js';

describe('telegram polling on two nodes', () => {
  let redis: TestRedis;
  let tg: FakeTelegram;
  let dir: string;
  let db: Db;
  const connections: RedisConnection[] = [];
  let bots: TelegramBot[];

  const ask: BotAsk = async (text) => ({
    answerId: `ans-${text}`,
    url: 'http://example.test/a/1',
    result: { claim: text, verdict: 'REFUTED', confidence: 0.8, answer: 'No.', citations: [] },
  });

  /** The bot as one node builds it: the same token, its own connection to the shared Redis. */
  function node(): TelegramBot {
    const logger = createLogger('silent');
    const connection = openRedis({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'test:' }, logger);
    connections.push(connection);
    return createTelegramBot({
      token: '123:TEST',
      apiRoot: tg.apiRoot,
      ask,
      matchesCurated: async () => false,
      repo: createBotRepository(createSqliteSql(db)),
      logger,
      maxClaimLength: 200,
      answersPerMinute: 100,
      redis: connection,
    });
  }

  beforeAll(async () => {
    redis = await startRedis();
    tg = await startFakeTelegram();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-tg-nodes-'));
    db = openDb(path.join(dir, 'bots.sqlite'), migrations);
    bots = [node(), node()];
    for (const bot of bots) await bot.start();
  });

  afterAll(async () => {
    for (const bot of bots ?? []) await bot.stop();
    for (const c of connections) await c.close();
    await tg?.close();
    db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await redis?.stop();
  });

  const answersTo = (chatId: number) => tg.sent().filter((m) => m.chat_id === chatId);

  it('polls on one node only, so every message is answered once', async () => {
    await waitFor(() => bots.some((b) => b.isPolling), 20_000, 'a polling node');
    for (const chatId of [1, 2, 3]) tg.push(messageUpdate({ chatId, text: `claim ${chatId}` }));
    await tg.waitFor(() => [1, 2, 3].every((id) => answersTo(id).length > 0), 20_000);
    // A later message answered means the earlier ones were handled (updates go in order).
    tg.push(messageUpdate({ chatId: 4, text: 'barrier' }));
    await tg.waitFor(() => answersTo(4).length > 0, 20_000);
    expect(bots.filter((b) => b.isPolling)).toHaveLength(1);
    for (const chatId of [1, 2, 3]) expect(answersTo(chatId)).toHaveLength(1);
  });

  it('lets the other node take over polling when the polling node stops', async () => {
    const leader = bots.find((b) => b.isPolling)!;
    const other = bots.find((b) => b !== leader)!;
    await leader.stop();
    await waitFor(() => other.isPolling, 30_000, 'the other node to poll');
    tg.push(messageUpdate({ chatId: 5, text: 'after the hand-over' }));
    await tg.waitFor(() => answersTo(5).length > 0, 20_000);
    expect(answersTo(5)).toHaveLength(1);
  }, 60_000);
});
