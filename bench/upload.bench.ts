/**
 * Upload benchmark (`npm run bench upload [-- --sizes 0.5,2,5]`; it runs the built command, so
 * `npm run build` first): what admins' uploads cost the running service. It copies the configured
 * knowledge folder and index (KNOWLEDGE_DIR, DATA_DIR) to a temporary folder, starts
 * `factcheck serve` there as its own process, and uploads generated Markdown documents of the
 * given sizes (MB) one after another through PUT /moderate/documents/<name>. Until the console
 * reports each ingest finished (written and served), it polls /healthz every 100 ms and checks a
 * dev claim every second over REST (the query cache is off: every claim is a real check). The
 * table gives, idle and per upload, /healthz and claim latency (p50 / p95 / max; a request that
 * fails counts with the time it took), the ingest time, the ingest stage during which /healthz
 * was slowest, and whether the new document is cited afterwards. FACTCHECK_BIN runs another build
 * of the command (e.g. a checkout of the previous version) for a before/after comparison.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import type { IngestProgressEvent } from '../src/moderation/events.js';
import type { CheckResult } from '../src/types.js';
import { generatedMarkdown } from '../test/support/generated-markdown.js';
import { sharedPath } from '../test/support/shared.js';

const args = process.argv.slice(2);
const flag = (name: string, def: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? def) : def;
};
const sizes = flag('--sizes', '0.5,2,5').split(',').map(Number);
if (sizes.some((s) => !(s > 0))) throw new Error('--sizes takes megabytes, e.g. 0.5,2,5');
const cfg = loadConfig();
const loadAtStart = os.loadavg()[0]!;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const summary = (values: number[]) =>
  `${quantile(values, 0.5).toFixed(0)} / ${quantile(values, 0.95).toFixed(0)} / ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;
const claims = fs
  .readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { claim: string }).claim);

const indexDir = path.join(cfg.DATA_DIR, 'index');
if (!fs.existsSync(indexDir))
  throw new Error(`no index in ${indexDir}: run \`npx factcheck ingest\` first`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-upload-bench-'));
const knowledgeDir = path.join(dir, 'knowledge');
const dataDir = path.join(dir, 'data');
fs.cpSync(cfg.KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
fs.rmSync(path.join(knowledgeDir, 'uploads'), { recursive: true, force: true });
fs.mkdirSync(dataDir);
fs.cpSync(indexDir, path.join(dataDir, 'index'), { recursive: true });
const env = {
  ...process.env,
  KNOWLEDGE_DIR: knowledgeDir,
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  RATE_ANON_PER_MINUTE: '1000000',
  QUERY_CACHE_ENTRIES: '0',
  MOD_UPLOAD_MAX_BYTES: String(Math.ceil(Math.max(...sizes) * 1_000_000) + 1024),
};
const cli = process.env.FACTCHECK_BIN ?? path.join(PROJECT_ROOT, 'bin', 'factcheck.js');

const added = spawnSync(process.execPath, [cli, 'moderators', 'add', 'bench', '--role', 'admin'], {
  env,
  encoding: 'utf8',
});
const password = added.stdout.trim().split('\n').at(-1)!;

const server: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  server.stdout!.on('data', (chunk: Buffer) => {
    const found = /Serving on (\S+)/.exec(chunk.toString());
    if (found) resolve(found[1]!);
  });
  server.once('exit', (code) => reject(new Error(`factcheck serve exited with ${code}`)));
});
for (;;) {
  if ((await fetch(`${url}/readyz`)).ok) break;
  await new Promise((r) => setTimeout(r, 200));
}

const login = await fetch(`${url}/api/v1/moderate/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'bench', password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const { csrfToken } = (await login.json()) as { csrfToken: string };
const consoleSocket = connect(`${url}/moderate`, {
  transports: ['websocket'],
  extraHeaders: { cookie },
});
await new Promise<void>((resolve) => consoleSocket.once('connect', () => resolve()));
/** The latest progress of each job, for naming the stage a slow /healthz fell in. */
const progress = new Map<string, IngestProgressEvent>();
consoleSocket.on('ingest:progress', (p: IngestProgressEvent) => progress.set(p.jobId, p));

let failures = 0;
async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work().catch(() => failures++);
  return performance.now() - t;
}
const check = (claim: string) =>
  fetch(`${url}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ claim }),
  }).then(async (r) => {
    if (!r.ok) throw new Error(`check: ${r.status}`);
    return (await r.json()) as CheckResult;
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Probe {
  health: number[];
  claims: number[];
  /** The stage the slowest /healthz started in. */
  slowestStage: string;
}

/** Polls /healthz every 100 ms and checks a claim every second until `isDone`. */
async function probe(isDone: () => boolean, stage: () => string): Promise<Probe> {
  const health: number[] = [];
  const times: number[] = [];
  let slowest = { ms: -1, stage: '' };
  const polling = (async () => {
    while (!isDone()) {
      const at = stage();
      const ms = await timed(() => fetch(`${url}/healthz`).then((r) => r.text()));
      health.push(ms);
      if (ms > slowest.ms) slowest = { ms, stage: at };
      await sleep(100);
    }
  })();
  for (let i = 0; !isDone(); i++) {
    const next = performance.now() + 1000;
    times.push(await timed(() => check(claims[i % claims.length]!)));
    await sleep(Math.max(0, next - performance.now()));
  }
  await polling;
  return { health, claims: times, slowestStage: slowest.stage };
}

for (const claim of claims.slice(0, 3)) await check(claim); // warm: JIT, dictionaries
const idleUntil = performance.now() + 10_000;
const idle = await probe(
  () => performance.now() > idleUntil,
  () => 'idle',
);

interface UploadRun extends Probe {
  megabytes: number;
  passages: string;
  ingestSeconds: number;
  isCited: boolean;
}
const runs: UploadRun[] = [];
for (const [n, megabytes] of sizes.entries()) {
  // Each document has its own seed, so its figures (and the sentence checked after it) are its own.
  const name = `almanac-${n}.md`;
  const document = generatedMarkdown(megabytes * 1_000_000, 7 + n);
  const started = performance.now();
  const res = await fetch(`${url}/moderate/documents/${name}`, {
    method: 'PUT',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream' },
    body: document,
  });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  const during = await probe(
    () => progress.get(jobId)?.finished === true,
    () => progress.get(jobId)?.stage ?? 'upload',
  );
  const ingestSeconds = (performance.now() - started) / 1000;
  const finished = progress.get(jobId)!;
  const ownSentence = /## District 1\n\n([^.]+\.)/.exec(document)?.[1] ?? '';
  const after = await check(ownSentence).catch(() => undefined);
  runs.push({
    ...during,
    megabytes: Buffer.byteLength(document) / 1e6,
    passages: finished.error ? `failed: ${finished.error.code}` : finished.stage,
    ingestSeconds,
    isCited: after?.citations.some((c) => c.source === `uploads/${name}`) ?? false,
  });
  process.stderr.write(`${megabytes} MB done in ${ingestSeconds.toFixed(0)} s\n`);
}

const pad = (s: string) => s.padEnd(42);
console.log(
  `load average (1 min) at start / end: ${loadAtStart.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}; ` +
    `CHECK_WORKERS ${cfg.CHECK_WORKERS}, INGEST_WORKER_NICE ${cfg.INGEST_WORKER_NICE}`,
);
console.log(`${pad('idle')} /healthz ${summary(idle.health)}; claim ${summary(idle.claims)}`);
for (const r of runs) {
  console.log(`\nupload ${r.megabytes.toFixed(1)} MB Markdown: ${r.passages}`);
  console.log(`${pad('  ingest (upload to served)')} ${r.ingestSeconds.toFixed(1)} s`);
  console.log(`${pad('  /healthz p50 / p95 / max')} ${summary(r.health)}`);
  console.log(`${pad('  claim p50 / p95 / max')} ${summary(r.claims)}`);
  console.log(`${pad('  slowest /healthz began during')} ${r.slowestStage}`);
  console.log(`${pad('  new document cited afterwards')} ${r.isCited ? 'yes' : 'no'}`);
}
console.log(`\nfailed requests: ${failures}`);

consoleSocket.close();
server.kill('SIGTERM');
// A server whose event loop is blocked cannot run its SIGTERM handler.
const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
await new Promise((r) => server.once('exit', r));
clearTimeout(killer);
fs.rmSync(dir, { recursive: true, force: true });
