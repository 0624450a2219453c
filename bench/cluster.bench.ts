/**
 * Many-node benchmark (`npm run bench cluster [-- --sockets 1000 --per-socket 3 --widgets 200]`):
 * one node against two nodes on this machine, in the same run, over one Redis and one PostgreSQL
 * started on loopback (test/support), each node a `factcheck serve` process (the built command)
 * over a copy of the built index.
 *
 * 1. Load: `--sockets` widget sockets, spread round-robin over the nodes, each post
 *    `--per-socket` claims one after another (dev.jsonl texts made distinct, so every one is a
 *    real check); answers/s, p50 / p95 from post to answer, refusals by code.
 * 2. Correction fan-out across nodes: `--widgets` widgets on node A ask one rumor; a moderator
 *    logged in on node B saves reviewed answers that flip the verdict; time from each save to
 *    every widget's `answer:updated`.
 *
 * Both nodes share the machine's cores, so two nodes cannot check faster than one here: the run
 * shows what Redis, PostgreSQL and a second process cost, not what a second machine would add.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import type { Verdict } from '../src/types.js';
import { login, postCurated } from '../test/moderation/support/moderation-server.js';
import { startPostgres } from '../test/support/postgres.js';
import { startRedis } from '../test/support/redis.js';
import { serveProcess, type ServeProcess } from '../test/support/serve-process.js';
import { sharedPath } from '../test/support/shared.js';
import { askSocket, openSockets } from './support/chat-sockets.js';

const flag = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const SOCKETS = Number(flag('--sockets', '1000'));
const PER_SOCKET = Number(flag('--per-socket', '3'));
const WIDGETS = Number(flag('--widgets', '200'));
const ROUNDS = 5;

const claims = fs
  .readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { claim: string }).claim);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const ms = (x: number) => x.toFixed(0);

interface LoadRun {
  answered: number[];
  refused: Map<string, number>;
  seconds: number;
}

async function loadRun(urls: string[], tag: string): Promise<LoadRun> {
  const sockets = await openSockets(urls, SOCKETS);
  const answered: number[] = [];
  const refused = new Map<string, number>();
  const started = performance.now();
  // A line every 30 s, so that a stalled run shows where it stands.
  const ticker = setInterval(() => {
    const refusedSoFar = [...refused.values()].reduce((a, b) => a + b, 0);
    process.stderr.write(
      `  ${tag}: ${answered.length} answered, ${refusedSoFar} refused after ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
    );
  }, 30_000);
  await Promise.all(
    sockets.map(async (s, n) => {
      for (let i = 0; i < PER_SOCKET; i++) {
        const text = `${claims[(n * PER_SOCKET + i) % claims.length]!} (${tag} ${n}.${i})`;
        const t = performance.now();
        try {
          await askSocket(s, `${tag}-${n}-${i}`, text);
          answered.push(performance.now() - t);
        } catch (err) {
          const code = err instanceof Error ? err.message : String(err);
          refused.set(code, (refused.get(code) ?? 0) + 1);
        }
      }
    }),
  );
  clearInterval(ticker);
  const seconds = (performance.now() - started) / 1000;
  for (const s of sockets) s.disconnect();
  return { answered, refused, seconds };
}

/** A moderator account made with the CLI against the shared database, logged in on `url`. */
async function moderatorOn(url: string, env: NodeJS.ProcessEnv) {
  const made = spawnSync(
    process.execPath,
    ['bin/factcheck.js', 'moderators', 'add', `bench-${Date.now()}`],
    { cwd: PROJECT_ROOT, env, encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`moderators add failed: ${made.stderr}`);
  const lines = made.stdout.trim().split('\n');
  const name = /"([^"]+)"/.exec(lines[0]!)![1]!;
  return login(url, name, lines.at(-1)!);
}

const otherThan = (seen: Verdict[]): Verdict =>
  (['REFUTED', 'SUPPORTED', 'NOT_ENOUGH_INFO'] as const).find((v) => !seen.includes(v))!;

/** Widgets on `a` ask one rumor; a moderator on `b` flips its verdict ROUNDS times. */
async function fanOut(a: string, b: string, env: NodeJS.ProcessEnv): Promise<number[]> {
  // Invented, and like no claim of the load runs: its forwards form a cluster of their own.
  const rumor = 'The Eastvale harbour ferry will stop running for all of next winter';
  const widgets = await openSockets([a], WIDGETS);
  const first = await Promise.all(widgets.map((s, i) => askSocket(s, `fan-${i}`, rumor)));
  const moderator = await moderatorOn(b, env);
  type Cluster = { id: string; claim: string; count: number };
  let cluster: Cluster | undefined;
  // Moderation records answers behind the checks (one assignment at a time per node): after a
  // burst the feed catches up later. How much later is part of the result.
  const asked = performance.now();
  const until = Date.now() + 600_000;
  while (!cluster || cluster.count < WIDGETS) {
    if (Date.now() > until) throw new Error('the forwards never formed one cluster on node B');
    const list = (await (
      await fetch(`${b}/api/v1/moderate/clusters`, { headers: { cookie: moderator.cookie } })
    ).json()) as Cluster[];
    cluster = list.find((c) => c.claim === rumor);
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write(
    `\nThe ${WIDGETS} forwards were one cluster on node B ${((performance.now() - asked) / 1000).toFixed(1)} s after the last was answered\n`,
  );
  const arrivals: number[] = [];
  let verdict = otherThan(first.map((f) => f.verdict));
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const updated = widgets.map(
      (s) =>
        new Promise<void>((resolve) =>
          s.once('answer:updated', () => {
            arrivals.push(performance.now() - started);
            resolve();
          }),
        ),
    );
    const save = await postCurated(b, moderator, cluster.id, {
      verdict,
      answer: `Reviewed: ${verdict}.`,
      citations: [],
    });
    if (save.status !== 201) throw new Error(`save failed: ${save.status}`);
    // Every widget hears of it, or the run says how many did not.
    const late = await Promise.race([
      Promise.all(updated).then(() => 0),
      new Promise<number>((r) =>
        setTimeout(() => r(WIDGETS - (arrivals.length % WIDGETS)), 60_000),
      ),
    ]);
    if (late > 0) throw new Error(`${late} widgets had no answer:updated 60 s after a review`);
    verdict = otherThan([verdict]);
  }
  for (const s of widgets) s.disconnect();
  return arrivals;
}

const cfg = loadConfig();
const indexDir = path.join(cfg.DATA_DIR, 'index');
if (!fs.existsSync(indexDir))
  throw new Error(`no index in ${indexDir}: run \`npx factcheck ingest\` first`);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-cluster-bench-'));
fs.cpSync(indexDir, path.join(dataDir, 'index'), { recursive: true });
const redis = await startRedis();
const postgres = await startPostgres();
const unlimited = '1000000000';
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  KNOWLEDGE_DIR: cfg.KNOWLEDGE_DIR,
  DATABASE_URL: await postgres.createDatabase(),
  REDIS_URL: redis.url,
  LOG_LEVEL: 'silent',
  HOST: '127.0.0.1',
  RATE_ANON_PER_MINUTE: unlimited,
  RATE_SOCKET_CLAIMS_PER_MINUTE: unlimited,
  // Every claim queued, none refused BUSY: the run compares throughput, not admission.
  CHECK_QUEUE_MAX_WAIT_MS: '600000',
  QUERY_CACHE_ENTRIES: '0',
};
const nodes: ServeProcess[] = [];
try {
  console.log(
    `${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)} at start; ${SOCKETS} sockets x ${PER_SOCKET} claims; CHECK_WORKERS ${cfg.CHECK_WORKERS} per node\n`,
  );
  nodes.push(await serveProcess(env));
  const one = await loadRun([nodes[0]!.url], 'one');
  nodes.push(await serveProcess(env));
  const two = await loadRun(
    nodes.map((n) => n.url),
    'two',
  );
  console.log('| nodes | answered | refused | answers/s | p50 s | p95 s |');
  console.log('|---|---|---|---|---|---|');
  for (const [name, run] of [
    ['one', one],
    ['two (same machine)', two],
  ] as const) {
    const refused = [...run.refused].map(([code, n]) => `${n} ${code}`).join(', ') || '0';
    console.log(
      `| ${name} | ${run.answered.length} | ${refused} | ${(run.answered.length / run.seconds).toFixed(1)} | ${(quantile(run.answered, 0.5) / 1000).toFixed(2)} | ${(quantile(run.answered, 0.95) / 1000).toFixed(2)} |`,
    );
  }
  const arrivals = await fanOut(nodes[0]!.url, nodes[1]!.url, env);
  console.log(
    `\nCorrection fan-out: ${WIDGETS} widgets on node A, a moderator on node B, ${ROUNDS} reviews`,
  );
  console.log(
    `answer:updated after the save: p50 ${ms(quantile(arrivals, 0.5))} ms, p95 ${ms(quantile(arrivals, 0.95))} ms, max ${ms(Math.max(...arrivals))} ms (n=${arrivals.length})`,
  );
} finally {
  for (const n of nodes) await n.kill9();
  await redis.stop();
  await postgres.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
