/**
 * Worker-thread entry: loads its own encoder, index and checker once, then answers the pool's
 * calls (check-protocol.ts) until it is terminated. A check runs here, off the main thread's
 * event loop, so that N workers use N cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedder } from '../../embed/create-embedder.js';
import { AppError } from '../../errors.js';
import { openKnowledgeIndex } from '../../index/knowledge-index.js';
import { createLogger } from '../../logger.js';
import type { CheckOptions, Checker } from '../checker-types.js';
import { traceOf } from '../checker-types.js';
import { createChecker } from '../checker.js';
import type { CallRequest, CheckWorkerInit, WireError, WorkerReply } from './check-protocol.js';

const port = parentPort;
if (!port) throw new Error('check-worker must run in a worker thread');
const init = workerData as CheckWorkerInit;
const logger = createLogger(init.config.LOG_LEVEL).child({ part: 'check-worker' });
// Vectors are copied, not transferred: the encoder may keep views over the same buffer.
const send = (reply: WorkerReply) => port.postMessage(reply);

const wire = (err: unknown): WireError =>
  err instanceof AppError
    ? { code: err.code, message: err.message }
    : { message: err instanceof Error ? err.message : String(err) };

/** Invented claims, one per language the checker reads. */
const WARM_UP = ['Walking every day lowers blood pressure.', '每天散步可以降低血压。'];

async function load(): Promise<Checker> {
  const embedder = await createEmbedder(init.config, logger);
  const index = await openKnowledgeIndex(init.config, logger, {
    embedder,
    build: init.build,
    ownsEmbedder: true,
    onProgress: (progress) => send({ kind: 'progress', progress }),
  });
  const checker = await createChecker(init.config, logger, { index });
  // The first check of each language loads what it needs (WordNet; jieba and CC-CEDICT). A reload
  // swaps workers in only when warm; the first pool serves at once and warms in the background,
  // so a start is not slower and the first claims do not pay for it. A failed warm-up (an index
  // too small to answer) is not a failed load: the claims are ours.
  const warmUp = Promise.all(WARM_UP.map((claim) => checker.check(claim))).catch((err: unknown) =>
    logger.warn({ err }, 'check worker warm-up failed'),
  );
  if (init.warm) await warmUp;
  return checker;
}

/** Runs one call; a check's progress stages go back as messages of their own. */
async function answer(checker: Checker, { id, call, args }: CallRequest): Promise<void> {
  try {
    if (call === 'check') {
      const [claim, options] = args as [string, CheckOptions | undefined];
      const result = await checker.check(claim, {
        ...options,
        onProgress: (stage) => send({ kind: 'stage', id, stage }),
      });
      send({ kind: 'done', id, value: result, trace: traceOf(result) });
      return;
    }
    // The protocol names only the checker's methods; their arguments were checked by the caller.
    const method = checker[call].bind(checker) as (...a: unknown[]) => Promise<unknown>;
    send({ kind: 'done', id, value: await method(...args) });
  } catch (err) {
    send({ kind: 'error', id, error: wire(err) });
  }
}

load().then(
  (checker) => {
    port.on('message', (request: CallRequest) => void answer(checker, request));
    // The passage table stays here: see startCheckPool on why it is not sent to the pool.
    send({ kind: 'ready', indexVersion: checker.indexVersion });
  },
  (err: unknown) => send({ kind: 'failed', error: wire(err) }),
);
