import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../worker-thread.js';
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

function startWorker(dir: string, backend: TfBackendName): Promise<Slot> {
  const worker = spawnModuleWorker(import.meta.url, 'use-lite-worker', { dir, backend });
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
