/**
 * `npm run bench`: runs every benchmark in bench/ (files named *.bench.ts) one after another and
 * prints their tables. Benchmarks never fail the build; a failing one is reported and skipped.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv
  .slice(2)
  .filter((a, i, all) => !a.startsWith('-') && !all[i - 1]?.startsWith('-'));
/** Benchmarks too long for every run: they run only when named (`npm run bench soak`). */
const OPT_IN = ['soak.bench.ts'];
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => (only.length === 0 ? !OPT_IN.includes(f) : only.some((o) => f.includes(o))))
  .sort();
// Flags after the names go to each benchmark (`npm run bench soak -- --minutes 3`).
const flags = process.argv
  .slice(2)
  .filter((a, i, all) => a.startsWith('-') || all[i - 1]?.startsWith('-'));
for (const file of files) {
  console.log(`\n## ${file}\n`);
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(here, file), ...flags],
    {
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) console.log(`(${file} exited with ${result.status}; skipped)`);
}
