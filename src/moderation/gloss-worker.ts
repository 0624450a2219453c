/**
 * Worker-thread entry: glosses Chinese claims for clustering (chinese-gloss.ts) with its own
 * CC-CEDICT, so that loading the dictionary (about ten seconds) and its heap stay off the server's
 * event loop. Messages: see gloss-in-worker.ts.
 */
import { parentPort } from 'node:worker_threads';
import { glossChinese } from './chinese-gloss.js';
import type { GlossReply, GlossRequest } from './gloss-in-worker.js';

const port = parentPort;
if (!port) throw new Error('gloss-worker must run in a worker thread');
port.on('message', ({ id, text }: GlossRequest) => {
  glossChinese(text).then(
    (words) => port.postMessage({ id, words } satisfies GlossReply),
    (err: unknown) =>
      port.postMessage({
        id,
        error: err instanceof Error ? err.message : String(err),
      } satisfies GlossReply),
  );
});
