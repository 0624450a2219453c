import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TfBackendName } from './tfjs-backend.js';
import type { PackedRows } from './use-lite-graph.js';

type Reply =
  | { ready: true }
  | { ready: false; error: string }
  | { id: number; vectors: Float32Array[] }
  | { id: number; error: string };

interface Job {
  resolve(vectors: Float32Array[]): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
}

/** Worker threads that each run a copy of the USE-Lite graph; a batch goes to the least busy. */
export interface UseLitePool {
  readonly size: number;
  run(rows: PackedRows): Promise<Float32Array[]>;
  dispose(): Promise<void>;
}

/**
 * A worker running use-lite-worker beside this module: the .js file under dist/; under tsx or
 * jest the .ts source, through a bootstrap that registers tsx first (tsx's --import hook only
 * registers itself on the main thread).
 */
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

function spawnWorker(workerData: object): Worker {
  const ext = path.extname(fileURLToPath(import.meta.url));
  const entry = new URL(`./use-lite-worker${ext}`, import.meta.url);
  if (ext !== '.ts') return new Worker(entry, { workerData });
  const tsx = tsxEsmApi();
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function startWorker(dir: string, backend: TfBackendName): Promise<Slot> {
  const worker = spawnWorker({ dir, backend });
  const slot: Slot = { worker, jobs: new Map() };
  const failAll = (err: Error) => {
    for (const job of slot.jobs.values()) job.reject(err);
    slot.jobs.clear();
  };
  return new Promise((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        if (reply.ready) resolve(slot);
        else reject(new Error(`USE-Lite worker failed to load: ${reply.error}`));
        return;
      }
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      // An idle worker must not keep the process alive (a CLI that forgot dispose() still exits).
      if (slot.jobs.size === 0) worker.unref();
      if ('error' in reply) job?.reject(new Error(`USE-Lite worker: ${reply.error}`));
      else job?.resolve(reply.vectors);
    });
    worker.on('error', (err) => {
      reject(err);
      failAll(err);
    });
    worker.on('exit', (code) => failAll(new Error(`USE-Lite worker exited with code ${code}`)));
  });
}

/** Starts `size` workers on `backend`, each loading the graph from `dir`, and waits for all. */
export async function startUseLitePool(
  dir: string,
  backend: TfBackendName,
  size: number,
): Promise<UseLitePool> {
  const started = await Promise.allSettled(
    Array.from({ length: size }, () => startWorker(dir, backend)),
  );
  const slots = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failure = started.find((s) => s.status === 'rejected');
  if (failure) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw failure.reason;
  }
  for (const slot of slots) slot.worker.unref();
  let nextId = 0;
  return {
    size,
    run(rows: PackedRows): Promise<Float32Array[]> {
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        slot.jobs.set(id, { resolve, reject });
        slot.worker.ref();
        slot.worker.postMessage({ id, rows });
      });
    },
    async dispose(): Promise<void> {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
