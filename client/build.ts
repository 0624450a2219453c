/**
 * Builds the browser bundles into client/dist: every `client/src/<name>/main.ts` becomes
 * `dist/<name>.js` (the widget, the moderation console), and `client/public/*` is copied.
 * Run by `npm run build`; prints each bundle's gzipped size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.join(here, 'src');
const dist = path.join(here, 'dist');

const entries = fs
  .readdirSync(src, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(src, d.name, 'main.ts')))
  .map((d) => d.name);

fs.mkdirSync(dist, { recursive: true });
await build({
  entryPoints: Object.fromEntries(entries.map((name) => [name, path.join(src, name, 'main.ts')])),
  outdir: dist,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
fs.cpSync(path.join(here, 'public'), dist, { recursive: true });
for (const name of entries) {
  const bytes = fs.readFileSync(path.join(dist, `${name}.js`));
  process.stdout.write(
    `client/dist/${name}.js ${bytes.length} B, ${gzipSync(bytes).length} B gzipped\n`,
  );
}
