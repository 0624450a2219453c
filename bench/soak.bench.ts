/**
 * Soak: the whole service (core API, /chat sockets, moderation with its documents route) under a
 * steady mixed load for a long while: sockets posting claims, REST checks, votes on the answers,
 * and one admin upload. Prints the process's RSS and V8 heap every 10 s and, at the end, the
 * least-squares slope of each (MB/min): a steady climb is a leak. The heap is measured after a
 * full collection when `gc` is exposed (`npm run bench` does), so the slope is not the sawtooth.
 * Opt-in (10 minutes by default):
 *   npm run bench soak [-- --minutes 3] [--sockets 8]
 * The load runs in the server's own process, so the figures include the clients (small).
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import type { ClaimAck, ClientToServerEvents, ServerToClientEvents } from '../src/server/events.js';
import { moderationPlugin } from '../src/server/moderate/moderation-plugin.js';
import type { Moderation } from '../src/moderation/moderation.js';
import { openStore } from '../src/store/store.js';
import { createChecker } from '../src/verdict/checker.js';
import { sharedPath } from '../test/support/shared.js';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const MINUTES = flag('--minutes', 10);
const SOCKETS = flag('--sockets', 8);
/** The first minute loads the models and fills caches: its climb is not a leak. */
const WARMUP_MIN = flag('--warmup', 1);
const SAMPLE_MS = 10_000;
const MB = 1024 * 1024;

const claims = fs
  .readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { claim: string }).claim);

// A private copy of the knowledge and of the test index: the upload lands there, not in the repo.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-soak-'));
const knowledgeDir = path.join(tmp, 'knowledge');
const dataDir = path.join(tmp, 'data');
fs.cpSync(path.join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
const seedIndex = path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index');
if (fs.existsSync(seedIndex)) fs.cpSync(seedIndex, dataDir, { recursive: true });

const config = loadConfig({
  DATA_DIR: dataDir,
  KNOWLEDGE_DIR: knowledgeDir,
  LOG_LEVEL: 'silent',
  // The load comes from one address: the abuse limits would otherwise refuse most of it.
  RATE_ANON_PER_MINUTE: '1000000',
  RATE_SOCKET_CLAIMS_PER_MINUTE: '1000000',
  VOTE_VOTERS_PER_ADDRESS: '1000000',
});
const logger = createLogger('silent');
const store = await openStore(config);
let moderation: Moderation | undefined;
const server = createApp({
  config,
  logger,
  store,
  checker: await createChecker(config, logger),
  reloadChecker: () => createChecker(config, logger),
  plugins: [moderationPlugin({ onBuilt: (h) => (moderation = h.module), clientDir: tmp })],
  clientDir: tmp,
});
await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;

const counts = { socketClaims: 0, restChecks: 0, votes: 0, refused: 0, failed: 0 };
const answerIds: string[] = [];
const endAt = Date.now() + MINUTES * 60_000;
const running = () => Date.now() < endAt;
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

async function socketLoop(n: number): Promise<void> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(`${url}/chat`, {
    transports: ['websocket'],
  });
  socket.on('answer', (a) => answerIds.push(a.answerId));
  for (let i = 0; running(); i++) {
    const answered = new Promise<void>((resolve) => {
      socket.once('answer', () => resolve());
      socket.once('answer:error', () => resolve());
    });
    const ack: ClaimAck | undefined = await socket
      .timeout(60_000)
      .emitWithAck('claim', { id: `s${n}-${i}`, text: pick(claims) })
      .catch(() => undefined);
    if (!ack) counts.failed++;
    else if (!ack.ok) counts.refused++;
    else {
      await answered;
      counts.socketClaims++;
    }
  }
  socket.disconnect();
}

/** One REST check and a vote on a random answer so far; a failure is counted, not fatal. */
async function checkAndVote(): Promise<void> {
  const res = await fetch(`${url}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ claim: pick(claims) }),
  });
  if (res.ok) {
    answerIds.push(((await res.json()) as { answerId: string }).answerId);
    counts.restChecks++;
  } else counts.failed++;
  const id = answerIds.length ? pick(answerIds) : undefined;
  if (!id) return;
  const vote = await fetch(`${url}/api/v1/answers/${id}/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ helpful: Math.random() < 0.5 }),
  });
  await vote.arrayBuffer();
  if (vote.ok) counts.votes++;
  else counts.refused++;
}

async function restLoop(): Promise<void> {
  while (running()) await checkAndVote().catch(() => counts.failed++);
}

/** One admin upload of a small Markdown document, a little after the start. */
async function uploadOnce(): Promise<string> {
  if (!moderation) return 'no moderation module';
  const { password } = await moderation.accounts.add('soak-admin', 'admin');
  const login = await fetch(`${url}/api/v1/moderate/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'soak-admin', password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const doc = `# Soak note\n\n${'Drinking water in moderation is safe for most adults. '.repeat(200)}\n`;
  const res = await fetch(`${url}/moderate/documents/soak-note.md`, {
    method: 'PUT',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/markdown' },
    body: doc,
  });
  return `upload: ${res.status}`;
}

const samples: { min: number; rss: number; heap: number }[] = [];
const started = Date.now();
/** Live heap climbs between collections: measured after a full one (run.ts passes --expose-gc). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
function sample(): void {
  const live = process.memoryUsage().heapUsed / MB;
  collect();
  const m = process.memoryUsage();
  const s = { min: (Date.now() - started) / 60_000, rss: m.rss / MB, heap: m.heapUsed / MB };
  samples.push(s);
  console.log(
    `${(s.min * 60).toFixed(0).padStart(5)} s  rss ${s.rss.toFixed(0).padStart(5)} MB  heap ${s.heap
      .toFixed(0)
      .padStart(
        5,
      )} MB (live ${live.toFixed(0)})  socket ${counts.socketClaims}  rest ${counts.restChecks}  votes ${counts.votes}  refused ${counts.refused}  failed ${counts.failed}`,
  );
}
/** Least-squares slope of y over minutes. */
function slope(ys: number[], xs: number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

console.log(`soak: ${MINUTES} min, ${SOCKETS} sockets + 1 REST/vote loop + 1 upload, ${url}`);
sample();
const timer = setInterval(sample, SAMPLE_MS);
const upload = new Promise<string>((r) => setTimeout(r, 20_000)).then(uploadOnce, (e) => String(e));
await Promise.all([...Array.from({ length: SOCKETS }, (_, n) => socketLoop(n)), restLoop()]);
clearInterval(timer);
sample();
console.log(await upload);
function report(label: string, kept: typeof samples): void {
  const xs = kept.map((s) => s.min);
  const rss = slope(
    kept.map((s) => s.rss),
    xs,
  );
  const heap = slope(
    kept.map((s) => s.heap),
    xs,
  );
  console.log(
    `slope ${label}: rss ${rss.toFixed(2)} MB/min, heap ${heap.toFixed(2)} MB/min (${kept.length} samples)`,
  );
}
report('over the whole run', samples);
report(
  `after ${WARMUP_MIN} min of warm-up`,
  samples.filter((s) => s.min >= WARMUP_MIN),
);
await server.close();
await store.close();
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(0);
