import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/config.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../../errors.js';
import type { IngestProgress } from '../../index/ingest-knowledge.js';
import type { Logger } from '../../logger.js';
import type { Passage } from '../../types.js';
import type { CheckStage, CheckTrace, Checker } from '../../verdict/checker-types.js';
import type {
  CallArgs,
  CallRequest,
  CallValue,
  CheckCall,
  CheckWorkerInit,
  WireError,
  WorkerReply,
} from '../../verdict/worker/check-protocol.js';
import { spawnWorkerModule } from '../../worker-thread.js';

/** A checker whose calls run on worker threads, each holding its own index and encoder. */
export interface CheckPool extends Checker {
  /** Worker threads, each answering one check at a time. */
  readonly size: number;
}

interface Job {
  resolve(reply: { value: unknown; trace?: CheckTrace }): void;
  reject(err: Error): void;
  onStage?: (stage: CheckStage) => void;
}

interface Slot {
  worker: Worker;
  jobs: Map<number, Job>;
  isAlive: boolean;
}

interface Ready {
  slot: Slot;
  indexVersion: string;
  passages?: (Passage | null)[];
}

const fromWire = (error: WireError): Error =>
  error.code !== undefined && Object.hasOwn(ERROR_CODES, error.code)
    ? new AppError(error.code as ErrorCode, error.message)
    : new Error(error.message);

/** Spawns one worker and resolves once its checker is loaded. */
function startSlot(
  init: CheckWorkerInit,
  logger: Logger,
  onProgress: (progress: IngestProgress) => void,
): Promise<Ready> {
  const worker = spawnWorkerModule(import.meta.url, '../../verdict/worker/check-worker', init);
  const slot: Slot = { worker, jobs: new Map(), isAlive: true };
  const failAll = (err: Error) => {
    slot.isAlive = false;
    for (const job of slot.jobs.values()) job.reject(err);
    slot.jobs.clear();
  };
  return new Promise((resolve, reject) => {
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.kind) {
        case 'ready':
          resolve({ slot, indexVersion: reply.indexVersion, passages: reply.passages });
          return;
        case 'failed':
          reject(fromWire(reply.error));
          void worker.terminate();
          return;
        case 'progress':
          onProgress(reply.progress);
          return;
        case 'stage':
          slot.jobs.get(reply.id)?.onStage?.(reply.stage);
          return;
      }
      const job = slot.jobs.get(reply.id);
      slot.jobs.delete(reply.id);
      // An idle worker must not keep the process alive (a command that forgot close() still exits).
      if (slot.jobs.size === 0) worker.unref();
      if (reply.kind === 'error') job?.reject(fromWire(reply.error));
      else job?.resolve({ value: reply.value, trace: reply.trace });
    });
    worker.on('error', (err) => {
      logger.error({ err }, 'check worker failed');
      reject(err);
      failAll(new AppError('INTERNAL', 'A check worker failed.', { cause: err }));
    });
    worker.on('exit', (code) => {
      reject(new Error(`check worker exited with code ${code} while loading`));
      failAll(new AppError('INTERNAL', `A check worker stopped (exit code ${code}).`));
    });
  });
}

/**
 * Starts `size` check workers over the index on disk: the first one builds the index when it is
 * missing (reporting progress), the others load it once it is there. Calls go to the least busy
 * worker; closing terminates them all (the gate closes a pool only once its calls are answered).
 */
export async function startCheckPool(
  config: Config,
  logger: Logger,
  options: {
    size: number;
    onProgress?: (progress: IngestProgress) => void;
    /** Load WordNet in every worker before serving (reloads: the old pool serves meanwhile). */
    warm?: boolean;
  },
): Promise<CheckPool> {
  const onProgress = options.onProgress ?? (() => undefined);
  const warm = options.warm ?? false;
  const first = await startSlot(
    { config, build: 'if-needed', sendPassages: true, warm },
    logger,
    onProgress,
  );
  const rest = await Promise.allSettled(
    Array.from({ length: options.size - 1 }, () =>
      startSlot({ config, build: 'never', sendPassages: false, warm }, logger, onProgress),
    ),
  );
  const slots = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))].map(
    (r) => r.slot,
  );
  const failure = rest.find((r) => r.status === 'rejected');
  // Another worker may have loaded a newer index than the first (an ingest in between).
  const mixed = rest.some(
    (r) => r.status === 'fulfilled' && r.value.indexVersion !== first.indexVersion,
  );
  if (failure || mixed) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw failure
      ? failure.reason
      : new AppError('INDEX_NOT_READY', 'The index changed while the check workers loaded it.');
  }
  for (const slot of slots) slot.worker.unref();
  let nextId = 0;

  function send<C extends CheckCall>(
    call: C,
    args: CallArgs<C>,
    onStage?: (stage: CheckStage) => void,
  ): Promise<{ value: CallValue<C>; trace?: CheckTrace }> {
    const alive = slots.filter((s) => s.isAlive);
    if (alive.length === 0)
      return Promise.reject(new AppError('INTERNAL', 'No check worker is running.'));
    const slot = alive.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.jobs.set(id, {
        resolve: resolve as Job['resolve'],
        reject,
        ...(onStage ? { onStage } : {}),
      });
      slot.worker.ref();
      const request: CallRequest = { id, call, args };
      slot.worker.postMessage(request);
    });
  }
  const value = <C extends CheckCall>(call: C, ...args: CallArgs<C>): Promise<CallValue<C>> =>
    send(call, args).then((reply) => reply.value);

  return {
    size: slots.length,
    async check(claim, checkOptions = {}) {
      if (checkOptions.signal?.aborted) throw new AppError('INTERNAL', 'The check was aborted.');
      // Callbacks and signals do not cross threads: progress comes back as messages.
      const { value: result, trace } = await send('check', [claim], checkOptions.onProgress);
      return trace
        ? Object.defineProperty(result, 'trace', { value: trace, enumerable: false })
        : result;
    },
    features: (claim) => value('features', claim),
    pairFeatures: (claim, evidence) => value('pairFeatures', claim, evidence),
    stance: (claim, evidence) => value('stance', claim, evidence),
    search: (text, k) => value('search', text, k),
    embed: (text) => value('embed', text),
    sourceContext: (docId, start, end) => value('sourceContext', docId, start, end),
    passages: first.passages ?? [],
    indexVersion: first.indexVersion,
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
