import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The ESM entry of tsx's API, read from its exports map: jest's ESM runtime has no
 * import.meta.resolve, and require.resolve would pick the CommonJS entry.
 */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgJson, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return pathToFileURL(path.join(path.dirname(pkgJson), pkg.exports['./esm/api'].import.default))
    .href;
}

/**
 * A worker thread running the module `name` beside `caller` (an import.meta.url): the .js file
 * under dist/; under tsx or jest the .ts source, through a bootstrap that registers tsx first
 * (tsx's --import hook only registers itself on the main thread).
 */
export function spawnModuleWorker(caller: string, name: string, workerData: unknown): Worker {
  const ext = path.extname(fileURLToPath(caller));
  const entry = new URL(`./${name}${ext}`, caller);
  if (ext !== '.ts') return new Worker(entry, { workerData });
  const tsx = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}
