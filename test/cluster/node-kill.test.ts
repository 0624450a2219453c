import fs from 'node:fs';
import { io as connect } from 'socket.io-client';
import type { ClaimAck, HistoryAck } from '../../src/server/events.js';
import {
  INDEX_BUILD_TIMEOUT_MS,
  realChecker,
  sharedIndexDataDir,
  tempDir,
} from '../server/support/real-checker.js';
import { issuedToken } from '../support/client-token.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { serveProcess, type ServeProcess } from '../support/serve-process.js';
import { connected, type ChatClient } from '../support/test-server.js';
import { waitFor } from '../support/wait-for.js';

/**
 * Two `factcheck serve` processes over one PostgreSQL, one Redis and one data folder. Node A is
 * SIGKILLed while widgets post claims to it: every claim A acknowledged is in its conversation,
 * read through node B by the client that owns it, and B answers throughout.
 */

const CLAIMS = [
  'Are strawberries really the dirtiest fruit?',
  'Drinking Starbucks coffee gives you cancer',
  'Microwaving food destroys all its nutrients',
];

let redis: TestRedis;
let postgres: PostgresServer;
let dataDir: string;
let env: NodeJS.ProcessEnv;
const nodes: ServeProcess[] = [];

beforeAll(async () => {
  // The shared test index, built when missing; the nodes read a copy of it.
  await (await realChecker()).close();
  dataDir = tempDir('factcheck-node-kill-');
  fs.cpSync(sharedIndexDataDir(), dataDir, { recursive: true });
  redis = await startRedis();
  postgres = await startPostgres();
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: await postgres.createDatabase(),
    REDIS_URL: redis.url,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    CHECK_WORKERS: '1',
    // One address sends all the load: the abuse limits would refuse most of it.
    RATE_ANON_PER_MINUTE: '1000000',
    RATE_SOCKET_CLAIMS_PER_MINUTE: '1000000',
  };
}, INDEX_BUILD_TIMEOUT_MS);

afterAll(async () => {
  for (const node of nodes) await node.kill9();
  await redis?.stop();
  await postgres?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a node killed mid-stream', () => {
  it('loses no claim it acknowledged, and the other node keeps answering', async () => {
    const a = await serveProcess(env);
    nodes.push(a);
    const b = await serveProcess(env);
    nodes.push(b);

    const acked: { token: Promise<string>; conversationId: string; id: string }[] = [];
    let killed = false;
    const sockets: ChatClient[] = [];
    const load = Array.from({ length: 3 }, async (_, n) => {
      const socket: ChatClient = connect(`${a.url}/chat`, {
        transports: ['websocket'],
        reconnection: false,
      });
      sockets.push(socket);
      const token = issuedToken(socket);
      await connected(socket);
      for (let i = 0; !killed && i < 100; i++) {
        const id = `k${n}-${i}`;
        const ack = await socket
          .timeout(30_000)
          .emitWithAck('claim', { id, text: CLAIMS[(n + i) % CLAIMS.length]! })
          .catch(() => undefined);
        if (!ack) return;
        if ((ack as ClaimAck).ok)
          acked.push({
            token,
            conversationId: (ack as { conversationId: string }).conversationId,
            id,
          });
      }
    });
    const answeredByB: number[] = [];
    const bLoad = (async () => {
      // B is asked all along, until A is gone.
      for (let i = 0; !killed; i++) {
        const res = await fetch(`${b.url}/api/v1/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ claim: CLAIMS[i % CLAIMS.length] }),
        });
        answeredByB.push(res.status);
      }
    })();

    await waitFor(() => acked.length >= 9, 120_000, 'claims acknowledged by node A');
    await a.kill9();
    killed = true;
    for (const s of sockets) s.disconnect();
    await Promise.all([...load, bLoad]);

    // B answers after A is gone, a claim it has not seen before.
    const after = await fetch(`${b.url}/api/v1/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claim: 'Vaccines cause autism' }),
    });
    expect(after.status).toBe(200);
    expect(answeredByB.every((s) => s === 200)).toBe(true);

    // Every acknowledged claim, in its conversation, for the client that owns it, through B.
    const byConversation = new Map<string, { token: Promise<string>; ids: string[] }>();
    for (const c of acked) {
      const entry = byConversation.get(c.conversationId) ?? { token: c.token, ids: [] };
      entry.ids.push(c.id);
      byConversation.set(c.conversationId, entry);
    }
    for (const [conversationId, { token, ids }] of byConversation) {
      const socket: ChatClient = connect(`${b.url}/chat`, {
        transports: ['websocket'],
        reconnection: false,
        auth: { clientToken: await token },
      });
      try {
        await connected(socket);
        const history = (await socket.emitWithAck('history', { conversationId })) as HistoryAck;
        expect(history.ok).toBe(true);
        const stored = new Set(history.ok ? history.messages.map((m) => m.id) : []);
        expect(ids.filter((id) => !stored.has(id))).toEqual([]);
      } finally {
        socket.disconnect();
      }
    }
  });
});
