/**
 * Builds the browser bundles into client/dist: every `client/src/<name>/main.ts` becomes
 * `dist/<name>.js` (the widget, the moderation console), and `client/public/*` is copied.
 * Run by `npm run build`; prints each bundle's gzipped size. It records what it read in
 * `dist/.build-inputs.json`, so that `npm start` (scripts/build-changed.js) rebuilds only when an
 * input changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const pub = path.join(here, 'public');
const dist = path.join(here, 'dist');
/** What a build read: its start time, entries and every input file (esbuild's metafile). */
interface BuildStamp {
  startedAt: number;
  entries: string[];
  inputs: string[];
}

const entries = fs
  .readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(src, d.name, 'main.ts')))
  .map((d) => d.name);
const publicFiles = (): string[] =>
  fs.readdirSync(pub, { recursive: true, encoding: 'utf8' }).map((f) => path.join(pub, f));

const startedAt = Date.now();
fs.mkdirSync(dist, { recursive: true });
const { metafile } = await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(src, name, 'main.ts')])),
  outdir: dist,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
});
fs.cpSync(pub, dist, { recursive: true });
const stamp: BuildStamp = {
  startedAt,
  entries,
  inputs: [
    fileURLToPath(import.meta.url),
    ...publicFiles(),
    ...Object.keys(metafile.inputs).map((f) => path.resolve(f)),
  ],
};
fs.writeFileSync(path.join(dist, '.build-inputs.json'), JSON.stringify(stamp));
for (const name of entries) {
  const bytes = fs.readFileSync(path.join(dist, `${name}.js`));
  process.stdout.write(
    `client/dist/${name}.js ${bytes.length} B, ${gzipSync(bytes).length} B gzipped\n`,
  );
}
