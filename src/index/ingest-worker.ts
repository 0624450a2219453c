/**
 * Worker-thread entry: one incremental ingest (load, split, embed, build, write) with its own
 * encoder, so that none of it runs on the server's event loop. Messages: see ingest-in-worker.ts.
 */
import os from 'node:os';
import { Writable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { createEmbedder } from '../embed/create-embedder.js';
import { AppError } from '../errors.js';
import { createLogger } from '../logger.js';
import type { IngestJobInit, IngestWorkerMessage } from './ingest-in-worker.js';
import { ingestKnowledge } from './ingest-knowledge.js';

const port = parentPort;
if (!port) throw new Error('ingest-worker must run in a worker thread');
const { config, paths, nice } = workerData as IngestJobInit;
const send = (message: IngestWorkerMessage) => port.postMessage(message);

// On Linux a thread's nice value is its own, and threads it starts (the encoder's) inherit it:
// the server's threads then go first when the cores are busy. Elsewhere it would renice the
// whole process, so it is left alone.
if (process.platform === 'linux' && nice > 0) {
  try {
    os.setPriority(nice);
  } catch {
    // Not allowed here (a container's policy): the ingest runs at the server's priority.
  }
}

// Log lines go to the server's logger, which knows where they belong.
const lines = new Writable({
  write(chunk: Buffer, _encoding, done) {
    send({ kind: 'log', line: chunk.toString() });
    done();
  },
});
const logger = createLogger(config.LOG_LEVEL, lines).child({ part: 'ingest-worker' });

try {
  const embedder = await createEmbedder(config, logger);
  try {
    const report = await ingestKnowledge(config, logger, {
      ...(paths ? { paths } : {}),
      embedder,
      onProgress: (progress) => send({ kind: 'progress', progress }),
    });
    send({ kind: 'done', report });
  } finally {
    await embedder.dispose();
  }
} catch (err) {
  // The admin reads this message in the console: say what failed, not only that something did.
  const { code, message } =
    err instanceof AppError ? err : new AppError('INGEST_FAILED', String(err), { cause: err });
  logger.error({ err }, 'ingest failed');
  send({ kind: 'failed', error: { code, message } });
}
