import type { Worker } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { spawnWorkerModule } from '../worker-thread.js';

export interface GlossRequest {
  id: number;
  text: string;
}
export type GlossReply = { id: number; words: string[][] } | { id: number; error: string };

/** `glossChinese` on a worker thread of its own, started on the first Chinese claim. */
export interface ChineseGlosser {
  gloss(text: string): Promise<string[][]>;
  /** Stops the thread; a later gloss starts a new one. */
  close(): Promise<void>;
}

/**
 * On the server's thread the first Chinese claim blocked the event loop for ten seconds or more
 * (CC-CEDICT loads and converts its tables), and the dictionary's heap made every later full
 * collection of that thread slower. A thread that dies is started again by the next gloss.
 */
export function createChineseGlosser(): ChineseGlosser {
  let current: Thread | undefined;
  let nextId = 0;
  return {
    gloss(text) {
      const thread = (current ??= startThread((stopped) => {
        if (current === stopped) current = undefined;
      }));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        thread.waiting.set(id, { resolve, reject });
        thread.worker.ref();
        thread.worker.postMessage({ id, text } satisfies GlossRequest);
      });
    },
    async close() {
      const stopping = current;
      current = undefined;
      await stopping?.worker.terminate();
    },
  };
}

interface Thread {
  worker: Worker;
  waiting: Map<number, { resolve(words: string[][]): void; reject(err: Error): void }>;
}

/** Starts the thread; `onStop` runs when it stops, after its waiting calls are failed. */
function startThread(onStop: (thread: Thread) => void): Thread {
  const worker = spawnWorkerModule(import.meta.url, './gloss-worker', undefined);
  const thread: Thread = { worker, waiting: new Map() };
  const failAll = (err: Error) => {
    for (const call of thread.waiting.values()) call.reject(err);
    thread.waiting.clear();
    onStop(thread);
  };
  worker.on('message', (reply: GlossReply) => {
    const call = thread.waiting.get(reply.id);
    thread.waiting.delete(reply.id);
    // An idle thread must not keep the process alive.
    if (thread.waiting.size === 0) worker.unref();
    if ('error' in reply) call?.reject(new AppError('INTERNAL', reply.error));
    else call?.resolve(reply.words);
  });
  worker.on('error', (err) =>
    failAll(new AppError('INTERNAL', `The gloss worker failed: ${err.message}`, { cause: err })),
  );
  worker.on('exit', (code) =>
    failAll(new AppError('INTERNAL', `The gloss worker stopped (exit code ${code}).`)),
  );
  return thread;
}
