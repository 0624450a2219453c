/**
 * Chat server benchmark: N concurrent Socket.IO clients (default 200) each ask M dev claims
 * (default 5) against one server; then the same over REST; then the bare checker with the same
 * concurrency. Prints errors, answer latency p50/p95, memory before/after, and the ratio of
 * socket to bare latency (target <= 1.2).
 *   npx tsx bench/server.bench.ts [dev.jsonl] [--clients N] [--per-client M]
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import type {
  AnswerEvent,
  ClaimAck,
  ClientToServerEvents,
  ServerToClientEvents,
} from '../src/server/events.js';
import { createChatStore, openServiceDb } from '../src/store/chat-store.js';
import { createChecker } from '../src/verdict/checker.js';
import { sharedPath } from '../test/support/shared.js';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const devFile = args.find((a) => a.endsWith('.jsonl')) ?? sharedPath('eval', 'dev.jsonl');
const CLIENTS = flag('--clients', 200);
const PER_CLIENT = flag('--per-client', 5);
const claims = fs
  .readFileSync(devFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { claim: string }).claim);
const claimFor = (client: number, i: number) => claims[(client * PER_CLIENT + i) % claims.length];

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
const mb = () => Math.round(process.memoryUsage().rss / 1e6);

interface Run {
  name: string;
  latencies: number[];
  errors: number;
  seconds: number;
  rssBefore: number;
  rssAfter: number;
}

/** Runs `ask` for every client concurrently, each client's claims one after another. */
async function load(name: string, ask: (client: number, i: number) => Promise<void>): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const reasons = new Map<string, number>();
  const rssBefore = mb();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        const t = performance.now();
        try {
          await ask(client, i);
          latencies.push(performance.now() - t);
        } catch (err) {
          errors++;
          const reason = err instanceof Error ? err.message : String(err);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        }
      }
    }),
  );
  return {
    name,
    latencies,
    errors,
    seconds: (performance.now() - started) / 1000,
    rssBefore,
    rssAfter: mb(),
  };
}

const dataDir = fs.existsSync(path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index', 'index'))
  ? path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index')
  : loadConfig().DATA_DIR;
const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-'));
const unlimited = 1e9;
const config = loadConfig(
  {},
  {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_ANON_PER_MINUTE: unlimited,
    RATE_SOCKET_CLAIMS_PER_MINUTE: unlimited,
  },
);
const logger = createLogger('warn');
const checker = await createChecker(config, logger);
const db = openServiceDb({ DATA_DIR: dbDir });
const app = createApp({ config, logger, store: createChatStore(db), checker });
await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
for (const c of claims.slice(0, 5)) await checker.check(c); // warm-up

const bare = await load('bare check', async (client, i) => {
  await checker.check(claimFor(client, i));
});

const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = await Promise.all(
  Array.from({ length: CLIENTS }, () => {
    const s: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`${url}/chat`, {
      transports: ['websocket'],
    });
    return new Promise<typeof s>((resolve, reject) => {
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });
  }),
);
const socketRun = await load('socket.io', (client, i) => {
  const s = sockets[client];
  const id = `b${client}-${i}`;
  return new Promise<void>((resolve, reject) => {
    const onAnswer = (a: AnswerEvent) => {
      if (a.inReplyTo !== id) return;
      s.off('answer', onAnswer);
      resolve();
    };
    s.on('answer', onAnswer);
    s.emit('claim', { id, text: claimFor(client, i) }, (ack: ClaimAck) => {
      if (!ack.ok) {
        s.off('answer', onAnswer);
        reject(new Error(ack.error.code));
      }
    });
  });
});
for (const s of sockets) s.disconnect();

const restRun = await load('REST', async (client, i) => {
  const res = await fetch(`${url}/api/v1/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ claim: claimFor(client, i) }),
  });
  if (!res.ok) throw new Error(String(res.status));
  await res.json();
});

// Overhead without queueing: one client, the dev claims one after another, socket vs bare.
const single: number[] = [];
for (const c of claims) {
  const t = performance.now();
  await checker.check(c);
  single.push(performance.now() - t);
}
const lone: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`${url}/chat`, {
  transports: ['websocket'],
});
await new Promise((resolve) => lone.once('connect', () => resolve(undefined)));
const singleSocket: number[] = [];
for (const [i, text] of claims.entries()) {
  const t = performance.now();
  await new Promise<void>((resolve) => {
    const onAnswer = (a: AnswerEvent) => {
      if (a.inReplyTo !== `s${i}`) return;
      lone.off('answer', onAnswer);
      resolve();
    };
    lone.on('answer', onAnswer);
    lone.emit('claim', { id: `s${i}`, text }, () => undefined);
  });
  singleSocket.push(performance.now() - t);
}
lone.disconnect();

console.log(`${CLIENTS} clients x ${PER_CLIENT} claims from ${path.basename(devFile)}\n`);
console.log('| run | answers | errors | p50 ms | p95 ms | wall s | RSS before MB | RSS after MB |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of [bare, socketRun, restRun]) {
  console.log(
    `| ${r.name} | ${r.latencies.length} | ${r.errors} | ${quantile(r.latencies, 0.5).toFixed(0)} | ${quantile(r.latencies, 0.95).toFixed(0)} | ${r.seconds.toFixed(1)} | ${r.rssBefore} | ${r.rssAfter} |`,
  );
}
console.log(
  `\nsingle check, no concurrency: p50 ${quantile(single, 0.5).toFixed(1)} ms, p95 ${quantile(single, 0.95).toFixed(1)} ms`,
);
console.log(
  `single socket answer, no concurrency: p50 ${quantile(singleSocket, 0.5).toFixed(1)} ms, p95 ${quantile(singleSocket, 0.95).toFixed(1)} ms; ratio to bare check p50 ${(quantile(singleSocket, 0.5) / quantile(single, 0.5)).toFixed(2)}, p95 ${(quantile(singleSocket, 0.95) / quantile(single, 0.95)).toFixed(2)}`,
);
const ratio = (r: Run, q: number) =>
  (quantile(r.latencies, q) / quantile(bare.latencies, q)).toFixed(2);
console.log(
  `socket / bare check latency at the same concurrency: p50 ${ratio(socketRun, 0.5)}, p95 ${ratio(socketRun, 0.95)} (target <= 1.2)`,
);
console.log(
  `REST / bare check latency at the same concurrency: p50 ${ratio(restRun, 0.5)}, p95 ${ratio(restRun, 0.95)}`,
);
console.log(
  `socket throughput ${(socketRun.latencies.length / socketRun.seconds).toFixed(1)} answers/s, bare ${(bare.latencies.length / bare.seconds).toFixed(1)} checks/s`,
);

await app.close();
db.close();
await checker.close();
fs.rmSync(dbDir, { recursive: true, force: true });
