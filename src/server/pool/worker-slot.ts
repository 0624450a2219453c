import type { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.js';
import type { IngestProgress } from '../../index/ingest-knowledge.js';
import type { CheckStage, CheckTrace } from '../../verdict/checker-types.js';
import type {
  CallRequest,
  CheckWorkerInit,
  WireError,
  WorkerReply,
} from '../../verdict/worker/check-protocol.js';
import { spawnWorkerModule } from '../../worker-thread.js';

/** One check worker thread and the calls it is answering, keyed by request id. */
export interface Slot<C extends { request: CallRequest }> {
  readonly worker: Worker;
  readonly calls: ReadonlyMap<number, C>;
  /** False once the thread has stopped (or failed); its calls were then handed back. */
  readonly isAlive: boolean;
  /** Sends a call to this worker. */
  post(call: C): void;
  /** Removes and returns the calls not answered yet. */
  takeCalls(): C[];
  /** Removes one call not answered yet (its answer, if it still comes, is dropped). */
  takeCall(id: number): C | undefined;
}

export interface SlotEvents<C extends { request: CallRequest }> {
  onProgress(progress: IngestProgress): void;
  onStage(call: C, stage: CheckStage): void;
  onReply(call: C, reply: { value: unknown; trace?: CheckTrace }): void;
  onError(call: C, err: Error): void;
  /** The thread stopped after it was ready (a crash, an out-of-memory, a terminate()). */
  onDeath(slot: Slot<C>, err: Error): void;
}

export const fromWire = (error: WireError): Error =>
  error.code !== undefined && Object.hasOwn(ERROR_CODES, error.code)
    ? new AppError(error.code as ErrorCode, error.message)
    : new Error(error.message);

/**
 * Spawns one check worker; `ready` resolves once its checker is loaded (rejects when loading
 * fails or the thread stops first). After that, a stop is reported once through `onDeath`.
 */
export function startWorkerSlot<C extends { request: CallRequest }>(
  init: CheckWorkerInit,
  events: SlotEvents<C>,
): { worker: Worker; ready: Promise<{ slot: Slot<C>; indexVersion: string }> } {
  const worker = spawnWorkerModule(import.meta.url, '../../verdict/worker/check-worker', init);
  const calls = new Map<number, C>();
  let state: 'loading' | 'ready' | 'dead' = 'loading';
  const slot: Slot<C> = {
    worker,
    calls,
    get isAlive() {
      return state !== 'dead';
    },
    post(call) {
      calls.set(call.request.id, call);
      worker.ref();
      worker.postMessage(call.request);
    },
    takeCalls() {
      const taken = [...calls.values()];
      calls.clear();
      return taken;
    },
    takeCall(id) {
      const taken = calls.get(id);
      calls.delete(id);
      return taken;
    },
  };
  const ready = new Promise<{ slot: Slot<C>; indexVersion: string }>((resolve, reject) => {
    const stop = (err: Error) => {
      if (state === 'dead') return;
      const wasReady = state === 'ready';
      state = 'dead';
      if (wasReady) events.onDeath(slot, err);
      else reject(err);
    };
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.kind) {
        case 'ready':
          state = 'ready';
          // An idle worker must not keep the process alive (a command that forgot close() exits).
          worker.unref();
          resolve({ slot, indexVersion: reply.indexVersion });
          return;
        case 'failed':
          stop(fromWire(reply.error));
          void worker.terminate();
          return;
        case 'progress':
          events.onProgress(reply.progress);
          return;
        case 'stage': {
          const call = calls.get(reply.id);
          if (call) events.onStage(call, reply.stage);
          return;
        }
      }
      const call = calls.get(reply.id);
      calls.delete(reply.id);
      if (calls.size === 0) worker.unref();
      if (!call) return;
      if (reply.kind === 'error') events.onError(call, fromWire(reply.error));
      else events.onReply(call, { value: reply.value, trace: reply.trace });
    });
    worker.on('error', (err) =>
      stop(new AppError('INTERNAL', `A check worker failed: ${err.message}`, { cause: err })),
    );
    worker.on('exit', (code) =>
      stop(new AppError('INTERNAL', `A check worker stopped (exit code ${code}).`)),
    );
  });
  return { worker, ready };
}
