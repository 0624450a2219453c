/**
 * Server benchmark, one run on one machine (`npx tsx bench/server.bench.ts [dev.jsonl]`):
 * 1. bare check throughput at N concurrent clients (default 200) x M claims (default 5): the
 *    checker on one thread and the check pool (CHECK_WORKERS threads) in turns over R rounds
 *    (default 3; the ratio is the median of the rounds' ratios), and the alternative of one
 *    checker whose query embeddings run on the USE-Lite encoder pool; RSS per pool worker;
 * 2. answer latency p50/p95 over Socket.IO and REST at N clients, one thread vs the pool (no
 *    cache, each text new);
 * 3. a Zipf mix of repeated claims through the query cache: hit rate and p50;
 * 4. 1,000 concurrent sockets x 3 claims: errors;
 * 5. overload at 5x the pool's measured capacity over REST (no cache, each text new): answered,
 *    refused with BUSY, p95 of the answered.
 * Client and server share this process (and the machine with whatever else runs): say the load.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT, type Config } from '../src/config/config.js';
import type { Embedder } from '../src/embed/embedder.js';
import { meanDirection } from '../src/embed/token-windows.js';
import { loadUseLiteEmbedder } from '../src/embed/use-lite-embedder.js';
import { locateUseLite } from '../src/embed/use-lite-files.js';
import { packRows } from '../src/embed/use-lite-graph.js';
import { startUseLitePool } from '../src/embed/use-lite-pool.js';
import { openKnowledgeIndex } from '../src/index/knowledge-index.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import { startCheckPool } from '../src/server/pool/check-pool.js';
import { openStore } from '../src/store/store.js';
import type { Checker } from '../src/verdict/checker-types.js';
import { createChecker } from '../src/verdict/checker.js';
import { sharedPath } from '../test/support/shared.js';
import { askSocket, openSockets } from './support/chat-sockets.js';

const args = process.argv.slice(2);
const flag = (name: string, def: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const devFile = args.find((a) => a.endsWith('.jsonl')) ?? sharedPath('eval', 'dev.jsonl');
const CLIENTS = flag('--clients', 200);
const PER_CLIENT = flag('--per-client', 5);
const MANY_SOCKETS = flag('--sockets', 1000);
const OVERLOAD_FACTOR = 5;
const OVERLOAD_SECONDS = flag('--overload-seconds', 10);
const ROUNDS = flag('--rounds', 3);
const claims = fs
  .readFileSync(devFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { claim: string }).claim);
const claimFor = (client: number, i: number) => claims[(client * PER_CLIENT + i) % claims.length]!;
/** A text asked once: repeats in flight share a check, and the runs measuring checks must not. */
const once = (text: string, tag: string) => `${text} (${tag})`;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const mb = () => Math.round(process.memoryUsage().rss / 1e6);
const ms = (x: number) => x.toFixed(0);

interface Run {
  name: string;
  latencies: number[];
  errors: number;
  reasons: Map<string, number>;
  seconds: number;
}

/** Runs `ask` for `clients` clients concurrently, each client's claims one after another. */
async function load(
  name: string,
  ask: (client: number, i: number) => Promise<unknown>,
  clients = CLIENTS,
  perClient = PER_CLIENT,
): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const reasons = new Map<string, number>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; i < perClient; i++) {
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
  return { name, latencies, errors, reasons, seconds: (performance.now() - started) / 1000 };
}
const throughput = (r: Run) => r.latencies.length / r.seconds;

const dataDir = fs.existsSync(path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index', 'index'))
  ? path.join(PROJECT_ROOT, 'test-artifacts', 'seed-index')
  : loadConfig().DATA_DIR;
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
const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
console.log(
  `${os.availableParallelism()} cores, load average ${loadAverage()} (1/5/15 min) at start; ${CLIENTS} clients x ${PER_CLIENT} claims from ${path.basename(devFile)} (${claims.length} claims)\n`,
);

/** Warms a checker on every thread it uses (JIT, WordNet, the Chinese dictionary). */
async function warm(checker: Checker, threads: number): Promise<void> {
  const zh = claims.find((c) => /[\u4e00-\u9fff]/.test(c)) ?? '喝星巴克咖啡会致癌吗？';
  for (let round = 0; round < 2; round++)
    await Promise.all(Array.from({ length: threads }, (_, t) => checker.check(claims[t]!)));
  await Promise.all(Array.from({ length: threads }, () => checker.check(zh)));
}

const bare = (checker: Checker, name: string) =>
  load(name, async (client, i) => {
    await checker.check(claimFor(client, i));
  });

// --- 1. Bare throughput: one thread, the check pool, the encoder pool --------------------------
const oneThread = await createChecker(config, logger);
await warm(oneThread, 1);

const rssBeforePool = mb();
const pool = await startCheckPool(config, logger, { size: config.CHECK_WORKERS });
const rssPoolLoaded = mb();
await warm(pool, pool.size);
const rssPoolWarm = mb();
// One thread and the pool take turns, round after round: other tenants' load drifts over a run,
// and a ratio of two runs seconds apart is steadier than one of two runs a minute apart.
const oneRuns: Run[] = [];
const poolRuns: Run[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  oneRuns.push(await bare(oneThread, `one thread, round ${round}`));
  poolRuns.push(await bare(pool, `check pool (${pool.size} workers), round ${round}`));
}
const ratios = poolRuns.map((r, i) => throughput(r) / throughput(oneRuns[i]!));
const medianRun = (runs: Run[]) =>
  [...runs].sort((a, b) => throughput(a) - throughput(b))[Math.floor(runs.length / 2)]!;
const bareOne = medianRun(oneRuns);
const barePool = medianRun(poolRuns);

/**
 * The alternative to the check pool: one checker on this thread whose query embeddings (90 % of
 * a check) run on the existing USE-Lite encoder pool's worker threads.
 */
async function encoderPoolChecker(workers: number) {
  const files = await locateUseLite();
  const local = await loadUseLiteEmbedder({
    backend: config.USE_LITE_BACKEND,
    batchSize: config.EMBED_BATCH_SIZE,
    longText: config.USE_LITE_LONG_TEXT,
  });
  const encoders = await startUseLitePool(files.dir, config.USE_LITE_BACKEND, workers);
  const embedder: Embedder = {
    ...local,
    embedQuery: async (text) => meanDirection(await encoders.run(packRows(local.tokenRows(text)))),
    dispose: async () => {
      await encoders.dispose();
      await local.dispose();
    },
  };
  const index = await openKnowledgeIndex(config, logger, {
    embedder,
    build: 'never',
    ownsEmbedder: true,
  });
  const checker = await createChecker(config, logger, { index });
  return {
    checker,
    close: async () => {
      await checker.close();
      await index.close();
    },
  };
}
const encoderPool = await encoderPoolChecker(config.CHECK_WORKERS);
await warm(encoderPool.checker, config.CHECK_WORKERS);
const bareEncoders = await bare(
  encoderPool.checker,
  `one checker + USE-Lite encoder pool (${config.CHECK_WORKERS} workers)`,
);
await encoderPool.close();

/**
 * What bounds any pool here: the query encoder alone (a check is mostly one query embedding) on
 * one worker thread and on CHECK_WORKERS, queries/s; the pool's ratio follows the encoder's own.
 */
async function encoderScaling(workers: number, seconds = 3): Promise<number[]> {
  const files = await locateUseLite();
  const local = await loadUseLiteEmbedder({ backend: config.USE_LITE_BACKEND, batchSize: 1 });
  const rates: number[] = [];
  for (const n of [1, workers]) {
    const encoders = await startUseLitePool(files.dir, config.USE_LITE_BACKEND, n);
    const embed = (i: number) =>
      encoders.run(packRows(local.tokenRows(claims[i % claims.length]!)));
    for (let i = 0; i < 10 * n; i++)
      await Promise.all(Array.from({ length: n }, (_, k) => embed(i + k)));
    const started = performance.now();
    let done = 0;
    while (performance.now() - started < seconds * 1000) {
      await Promise.all(Array.from({ length: 4 * n }, (_, k) => embed(done + k)));
      done += 4 * n;
    }
    rates.push(done / ((performance.now() - started) / 1000));
    await encoders.dispose();
  }
  await local.dispose();
  return rates;
}
const [encoderOne, encoderMany] = await encoderScaling(config.CHECK_WORKERS);

// --- servers ---------------------------------------------------------------------------------
interface BenchServer {
  url: string;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}
async function startServer(checker: Checker, settings: Partial<Config> = {}): Promise<BenchServer> {
  const dbDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-'));
  const store = await openStore({ DATA_DIR: dbDir });
  // The gate would close the checker with the app; the bench closes its checkers itself.
  const shared: Checker = { ...checker, close: async () => undefined };
  const app = createApp({
    config: { ...config, ...settings },
    logger,
    store,
    checker: shared,
  });
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`,
    app,
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

async function askRest(url: string, claim: string): Promise<Response> {
  return fetch(`${url}/api/v1/check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ claim }),
  });
}

async function socketAndRest(checker: Checker, label: string): Promise<Run[]> {
  const server = await startServer(checker, { QUERY_CACHE_ENTRIES: 0 });
  const sockets = await openSockets([server.url], CLIENTS);
  const socketRun = await load(`Socket.IO, ${label}`, (client, i) =>
    askSocket(sockets[client]!, `b${client}-${i}`, once(claimFor(client, i), `${client}.${i}`)),
  );
  for (const s of sockets) s.disconnect();
  const restRun = await load(`REST, ${label}`, async (client, i) => {
    const res = await askRest(server.url, once(claimFor(client, i), `${client}.${i}`));
    if (!res.ok) throw new Error(String(res.status));
    await res.json();
  });
  await server.close();
  return [socketRun, restRun];
}

// --- 2. Latency at N clients, one thread vs pool (no cache, every text new: each is checked) ----
const channelRuns = [
  ...(await socketAndRest(oneThread, 'one thread')),
  ...(await socketAndRest(pool, `pool of ${pool.size}`)),
];

// --- 3. Zipf mix through the cache ------------------------------------------------------------
/** Forwards of the dev claims as people paste them: four spellings each, all distinct texts. */
const forwards = claims.flatMap((c) => [
  c,
  `${c}!!!`,
  `Forwarded from a friend: ${c}`,
  `Is this true? ${c}`,
]);
/** A seeded Zipf(1) sampler over `forwards` (rank 1 most popular). */
function zipfSampler(n: number, seed: number) {
  const weights = Array.from({ length: n }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w) => (cumulative.push((acc + w) / total), acc + w), 0);
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    const u = state / 2 ** 32;
    const k = cumulative.findIndex((c) => c >= u);
    return k === -1 ? n - 1 : k;
  };
}
const cached = await startServer(pool);
const draw = zipfSampler(forwards.length, 42);
const zipfClaims = Array.from({ length: CLIENTS * PER_CLIENT }, () => forwards[draw()]!);
const zipfSockets = await openSockets([cached.url], CLIENTS);
const zipfRun = await load('Zipf mix, Socket.IO, pool + cache', (client, i) =>
  askSocket(zipfSockets[client]!, `z${client}-${i}`, zipfClaims[client * PER_CLIENT + i]!),
);
for (const s of zipfSockets) s.disconnect();
const { cache } = cached.app.answers;
const zipfHitRate = cache.hits / (cache.hits + cache.misses);
const zipfDistinct = new Set(zipfClaims).size;

// --- 4. 1,000 concurrent sockets x 3 claims ---------------------------------------------------
cached.app.answers.invalidateCache();
const manySockets = await openSockets([cached.url], MANY_SOCKETS);
const manyRun = await load(
  `${MANY_SOCKETS} sockets x 3 claims, pool + cache`,
  (client, i) => askSocket(manySockets[client]!, `m${client}-${i}`, claimFor(client, i)),
  MANY_SOCKETS,
  3,
);
for (const s of manySockets) s.disconnect();
await cached.close();

// --- 5. Overload at 5x capacity (REST, no cache, every text new) -----------------------------
const capacity = throughput(barePool);
const overloadRate = OVERLOAD_FACTOR * capacity;
const overloaded = await startServer(pool, { QUERY_CACHE_ENTRIES: 0 });
const outcomes: Promise<{ status: number; code?: string; latency: number; retryAfter?: string }>[] =
  [];
const total = Math.round(overloadRate * OVERLOAD_SECONDS);
const overloadStart = performance.now();
for (let n = 0; n < total; n++) {
  // Open loop: requests arrive on schedule whatever the answers do.
  const due = overloadStart + (n / overloadRate) * 1000;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
  const t = performance.now();
  outcomes.push(
    askRest(overloaded.url, once(claims[n % claims.length]!, `${n}`)).then(async (res) => {
      const body = (await res.json()) as { error?: { code: string } };
      return {
        status: res.status,
        code: body.error?.code,
        latency: performance.now() - t,
        retryAfter: res.headers.get('retry-after') ?? undefined,
      };
    }),
  );
}
const overload = await Promise.all(outcomes);
await overloaded.close();
const answered = overload.filter((o) => o.status === 200);
const busy = overload.filter((o) => o.code === 'BUSY');
const busyWithRetry = busy.filter((o) => Number(o.retryAfter) >= 1);

// --- report -----------------------------------------------------------------------------------
const rssPerWorker = (rssPoolWarm - rssBeforePool) / pool.size;
await pool.close();
await oneThread.close();

console.log('| bare checks | checks | errors | p50 ms | p95 ms | wall s | checks/s |');
console.log('|---|---|---|---|---|---|---|');
for (const r of [...oneRuns, ...poolRuns, bareEncoders]) {
  console.log(
    `| ${r.name} | ${r.latencies.length} | ${r.errors} | ${ms(quantile(r.latencies, 0.5))} | ${ms(quantile(r.latencies, 0.95))} | ${r.seconds.toFixed(1)} | ${throughput(r).toFixed(1)} |`,
  );
}
console.log(
  `\npool / one thread throughput, median of ${ROUNDS} paired rounds: ${quantile(ratios, 0.5).toFixed(2)}x (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}; target >= 1.7 on 2 cores); encoder pool / median one thread: ${(throughput(bareEncoders) / throughput(bareOne)).toFixed(2)}x`,
);
console.log(
  `query encoder alone (USE-Lite, ${config.USE_LITE_BACKEND}): ${encoderOne!.toFixed(1)} queries/s on one worker, ${encoderMany!.toFixed(1)} on ${config.CHECK_WORKERS}: ${(encoderMany! / encoderOne!).toFixed(2)}x, what bounds the pool's ratio on this machine`,
);
console.log(
  `RSS: ${rssBeforePool} MB before the pool, ${rssPoolLoaded} MB loaded, ${rssPoolWarm} MB warm: ${rssPerWorker.toFixed(0)} MB per worker\n`,
);

console.log(
  '| answers at N clients (no cache) | answers | errors | p50 ms | p95 ms | p95/p50 | answers/s |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of channelRuns) {
  const p50 = quantile(r.latencies, 0.5);
  const p95 = quantile(r.latencies, 0.95);
  console.log(
    `| ${r.name} | ${r.latencies.length} | ${r.errors} | ${ms(p50)} | ${ms(p95)} | ${(p95 / p50).toFixed(2)} | ${throughput(r).toFixed(1)} |`,
  );
}

console.log(
  `\nZipf(1) mix over ${forwards.length} forwards (${zipfDistinct} distinct asked of ${zipfClaims.length}): cache hit rate ${(100 * zipfHitRate).toFixed(1)} %, p50 ${ms(quantile(zipfRun.latencies, 0.5))} ms, p95 ${ms(quantile(zipfRun.latencies, 0.95))} ms, errors ${zipfRun.errors}`,
);
console.log(
  `${manyRun.name}: ${manyRun.latencies.length} answered, ${manyRun.errors} errors${manyRun.errors ? ` (${[...manyRun.reasons].map(([r, n]) => `${r} ${n}`).join(', ')})` : ''}, p50 ${ms(quantile(manyRun.latencies, 0.5))} ms, p95 ${ms(quantile(manyRun.latencies, 0.95))} ms`,
);
const share = (n: number) => `${((100 * n) / overload.length).toFixed(1)} %`;
console.log(
  `overload: ${overload.length} REST claims at ${overloadRate.toFixed(0)}/s (${OVERLOAD_FACTOR}x the pool's ${capacity.toFixed(1)} checks/s) for ${OVERLOAD_SECONDS} s, queue limit ${config.CHECK_QUEUE_MAX_WAIT_MS} ms: answered ${share(answered.length)} (p50 ${ms(
    quantile(
      answered.map((o) => o.latency),
      0.5,
    ),
  )} ms, p95 ${ms(
    quantile(
      answered.map((o) => o.latency),
      0.95,
    ),
  )} ms), BUSY ${share(busy.length)} (${busyWithRetry.length} with Retry-After; refused in p50 ${ms(
    quantile(
      busy.map((o) => o.latency),
      0.5,
    ),
  )} ms), other ${share(overload.length - answered.length - busy.length)}`,
);
console.log(`\nload average at the end: ${loadAverage()}`);
