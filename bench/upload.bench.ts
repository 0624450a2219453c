/**
 * Upload benchmark (`npx tsx bench/upload.bench.ts [megabytes]`, after `npm run build`): what an
 * admin's upload costs the running service. It copies the configured knowledge folder and index
 * (KNOWLEDGE_DIR, DATA_DIR) to a temporary folder, starts `factcheck serve` there as its own
 * process, uploads a generated Markdown document (default 5 MB) through
 * PUT /moderate/documents/<name>, and until the console reports the ingest finished it polls
 * /healthz every 100 ms and checks a claim back to back over REST. The table gives the ingest
 * time, /healthz and claim latency while idle and during the ingest (p50 / p95 / max; a request
 * that fails, as one the server does not answer for 300 s does, counts with the time it took),
 * and whether the new document is cited afterwards. FACTCHECK_BIN runs another build of the
 * command (e.g. a checkout of the previous version) for a before/after comparison.
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

const megabytes = Number(process.argv[2] ?? 5);
const cfg = loadConfig();
const loadAtStart = os.loadavg()[0]!;
const row = (name: string, value: string) => console.log(`${name.padEnd(40)} ${value}`);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const summary = (values: number[]) =>
  `${quantile(values, 0.5).toFixed(0)} / ${quantile(values, 0.95).toFixed(0)} / ${Math.max(...values).toFixed(0)} ms (n=${values.length})`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-upload-bench-'));
const knowledgeDir = path.join(dir, 'knowledge');
const dataDir = path.join(dir, 'data');
fs.cpSync(cfg.KNOWLEDGE_DIR, knowledgeDir, { recursive: true });
fs.rmSync(path.join(knowledgeDir, 'uploads'), { recursive: true, force: true });
fs.mkdirSync(dataDir);
fs.cpSync(path.join(cfg.DATA_DIR, 'index'), path.join(dataDir, 'index'), { recursive: true });
const env = {
  ...process.env,
  KNOWLEDGE_DIR: knowledgeDir,
  DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  RATE_ANON_PER_MINUTE: '1000000',
  MOD_UPLOAD_MAX_BYTES: String(Math.ceil(megabytes * 1_000_000) + 1024),
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

const CLAIM = 'Drinking coffee causes cancer';
let failures = 0;
async function timed(work: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await work().catch(() => failures++);
  return performance.now() - t;
}
const healthz = () => timed(() => fetch(`${url}/healthz`).then((r) => r.text()));
const check = (claim = CLAIM) =>
  fetch(`${url}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ claim }),
  }).then((r) => r.json() as Promise<CheckResult>);

/** Polls /healthz every 100 ms and checks claims back to back until `isDone`. */
async function probe(isDone: () => boolean): Promise<{ health: number[]; claims: number[] }> {
  const health: number[] = [];
  const claims: number[] = [];
  const polling = (async () => {
    while (!isDone()) {
      health.push(await healthz());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  while (!isDone()) claims.push(await timed(() => check()));
  await polling;
  return { health, claims };
}

for (let i = 0; i < 3; i++) await check(); // warm: JIT, dictionaries
const idleUntil = performance.now() + 5_000;
const idle = await probe(() => performance.now() > idleUntil);

const document = generatedMarkdown(megabytes * 1_000_000);
let finished: IngestProgressEvent | undefined;
const started = performance.now();
const res = await fetch(`${url}/moderate/documents/almanac.md`, {
  method: 'PUT',
  headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/octet-stream' },
  body: document,
});
if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
const { jobId } = (await res.json()) as { jobId: string };
consoleSocket.on('ingest:progress', (p: IngestProgressEvent) => {
  if (p.jobId === jobId && p.finished) finished = p;
});
const during = await probe(() => finished !== undefined);
const ingestSeconds = (performance.now() - started) / 1000;
const after = await check('The railway of district 3 counted passengers');
const isCited = after.citations.some((c) => c.source === 'uploads/almanac.md');

row(
  'load average (1 min) at start / end',
  `${loadAtStart.toFixed(2)} / ${os.loadavg()[0]!.toFixed(2)}`,
);
row('upload', `${(Buffer.byteLength(document) / 1e6).toFixed(1)} MB Markdown`);
row('ingest (upload to served)', `${ingestSeconds.toFixed(1)} s: ${finished?.stage ?? '?'}`);
row('/healthz idle p50 / p95 / max', summary(idle.health));
row('/healthz during ingest p50 / p95 / max', summary(during.health));
row('claim idle p50 / p95 / max', summary(idle.claims));
row('claim during ingest p50 / p95 / max', summary(during.claims));
row('failed requests (timeouts)', String(failures));
row('new document cited afterwards', isCited ? 'yes' : 'no');

consoleSocket.close();
server.kill('SIGTERM');
// A server whose event loop is blocked cannot run its SIGTERM handler.
const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
await new Promise((r) => server.once('exit', r));
clearTimeout(killer);
fs.rmSync(dir, { recursive: true, force: true });
