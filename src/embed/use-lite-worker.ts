/**
 * Worker-thread entry: runs its own copy of the USE-Lite graph (TF.js keeps one engine per
 * thread), so batches run in parallel on several cores. Messages: see use-lite-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TfBackendName } from './tfjs-backend.js';
import { loadUseLiteGraph, type PackedRows } from './use-lite-graph.js';

interface WorkerInit {
  dir: string;
  backend: TfBackendName;
}

const port = parentPort;
if (!port) throw new Error('use-lite-worker must run in a worker thread');
const { dir, backend } = workerData as WorkerInit;

loadUseLiteGraph(dir, backend).then(
  (graph) => {
    port.on('message', ({ id, rows }: { id: number; rows: PackedRows }) => {
      graph.run(rows).then(
        (vectors) =>
          port.postMessage(
            { id, vectors },
            vectors.map((v) => v.buffer as ArrayBuffer),
          ),
        (err: unknown) => port.postMessage({ id, error: String(err) }),
      );
    });
    port.postMessage({ ready: true });
  },
  (err: unknown) => port.postMessage({ ready: false, error: String(err) }),
);
