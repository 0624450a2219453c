/**
 * Reload benchmark (`npx tsx bench/reload.bench.ts`), on the configured index (DATA_DIR): what
 * serving a new index without a restart costs. The gate reloads the checker while a client keeps
 * checking claims back to back; the table gives the reload time, check latency while idle and
 * during the reloads (p50 / p95), failed checks (should be 0), and resident memory before,
 * at its peak during the reloads, and after (the retired checker closed), with the JS heap:
 * retired checkers must not pile up.
 */
import { readFileSync } from 'node:fs';
import { parseLabeled } from '../src/cli/commands/eval.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { createCheckerGate } from '../src/server/checker-gate.js';
import { serviceCheckerLoader } from '../src/server/load-checker.js';
import { sharedPath } from '../test/support/shared.js';

const RELOADS = 10;
const cfg = loadConfig();
const logger = createLogger('warn');
const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};
const p50p95 = (values: number[]) =>
  `${quantile(values, 0.5).toFixed(1)} / ${quantile(values, 0.95).toFixed(1)} ms (n=${values.length})`;

const claims = parseLabeled(readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')).map(
  (i) => i.claim,
);
const loader = serviceCheckerLoader(cfg, logger);
const load = () => loader(() => undefined);
const gate = createCheckerGate(load(), { reload: load });
await gate.whenReady();
for (const claim of claims) await gate.current().check(claim); // warm: JIT, dictionaries

let failures = 0;
async function checkLoop(until: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; !until(); i++) {
    const t = performance.now();
    await gate
      .current()
      .check(claims[i % claims.length]!)
      .catch(() => failures++);
    times.push(performance.now() - t);
    // A check may finish without touching the event loop; requests arrive through it.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return times;
}

global.gc?.();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const idleUntil = performance.now() + 5_000;
const idle = await checkLoop(() => performance.now() > idleUntil);

let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
let reloading = true;
const during = checkLoop(() => !reloading);
const reloadTimes: number[] = [];
for (let r = 0; r < RELOADS; r++) {
  const t = performance.now();
  await gate.reload();
  reloadTimes.push(performance.now() - t);
}
reloading = false;
const busy = await during;
clearInterval(sampler);
await new Promise((r) => setTimeout(r, 500)); // the last retired checker closes
global.gc?.();
const rssAfter = process.memoryUsage().rss;
const heapAfter = process.memoryUsage().heapUsed;

row('reloads', String(RELOADS));
row(
  'reload time p50 / max',
  `${quantile(reloadTimes, 0.5).toFixed(0)} / ${Math.max(...reloadTimes).toFixed(0)} ms`,
);
row('check latency, idle p50 / p95', p50p95(idle));
row('check latency, during reloads p50 / p95', p50p95(busy));
row('failed checks', String(failures));
row('RSS before / peak / after', `${mb(rssBefore)} / ${mb(peak)} / ${mb(rssAfter)}`);
row(
  `JS heap before / after${global.gc ? '' : ' (run with --expose-gc)'}`,
  `${mb(heapBefore)} / ${mb(heapAfter)}`,
);
await gate.close();
