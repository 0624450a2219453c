import type { Config } from '../config/config.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { spawnWorkerModule } from '../worker-thread.js';
import type { IngestProgress, IngestReport } from './ingest-knowledge.js';

/** What the worker is started with. */
export interface IngestJobInit {
  config: Config;
  /** Files or folders to (re)ingest; undefined: the whole knowledge folder. */
  paths: string[] | undefined;
  /** Nice value of the worker thread (Linux), 0 for the server's own priority. */
  nice: number;
}

/** What the worker says, in order: log lines and progress, then done or failed. */
export type IngestWorkerMessage =
  | { kind: 'log'; line: string }
  | { kind: 'progress'; progress: IngestProgress }
  | { kind: 'done'; report: IngestReport }
  | { kind: 'failed'; error: { code: string; message: string } };

export interface WorkerIngestOptions {
  paths?: string[];
  onProgress?: (progress: IngestProgress) => void;
  /** Stops the worker: the ingest rejects, and the index on disk stays the previous one. */
  signal?: AbortSignal;
  nice?: number;
}

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/** Replays a worker's pino line through `logger` at its level. */
function relayLog(logger: Logger, line: string): void {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    logger.info({ line }, 'ingest worker output');
    return;
  }
  const { level, msg, ...fields } = entry;
  // The server's logger adds its own time, pid, hostname and service.
  for (const key of ['time', 'pid', 'hostname', 'service']) delete fields[key];
  const label = LEVELS.find((l) => l === logger.levels.labels[Number(level)]) ?? 'info';
  logger[label](fields, typeof msg === 'string' ? msg : undefined);
}

const codeOf = (code: string): ErrorCode =>
  Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'INGEST_FAILED';

/**
 * Runs `ingestKnowledge` in a worker thread with its own encoder (ingest-worker.ts): the event
 * loop that called it stays free to answer while documents are split, embedded and written.
 * Resolves with the report once the new index is committed; rejects with the worker's coded
 * error, or when `signal` aborts (the worker is stopped, and the index stays as it was).
 */
export function ingestInWorker(
  config: Config,
  logger: Logger,
  options: WorkerIngestOptions = {},
): Promise<IngestReport> {
  const init: IngestJobInit = { config, paths: options.paths, nice: options.nice ?? 0 };
  if (options.signal?.aborted)
    return Promise.reject(new AppError('SHUTTING_DOWN', 'The ingest was stopped.'));
  const worker = spawnWorkerModule(import.meta.url, './ingest-worker', init);
  return new Promise<IngestReport>((resolve, reject) => {
    let isSettled = false;
    const settle = (outcome: () => void) => {
      if (isSettled) return;
      isSettled = true;
      options.signal?.removeEventListener('abort', stop);
      outcome();
      void worker.terminate();
    };
    const stop = () =>
      settle(() => reject(new AppError('SHUTTING_DOWN', 'The ingest was stopped.')));
    options.signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: IngestWorkerMessage) => {
      if (message.kind === 'log') relayLog(logger, message.line);
      else if (message.kind === 'progress') options.onProgress?.(message.progress);
      else if (message.kind === 'done') settle(() => resolve(message.report));
      else settle(() => reject(new AppError(codeOf(message.error.code), message.error.message)));
    });
    worker.on('error', (err) =>
      settle(() => reject(new AppError('INGEST_FAILED', String(err), { cause: err }))),
    );
    worker.on('exit', (code) =>
      settle(() =>
        reject(new AppError('INGEST_FAILED', `The ingest worker stopped (exit code ${code}).`)),
      ),
    );
  });
}
