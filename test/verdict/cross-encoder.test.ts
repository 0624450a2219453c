import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';
import { loadCrossEncoder } from '../../src/verdict/transformers/cross-encoder.js';

describe('cross-encoder reranker', () => {
  it('is absent (and says so in the log) when the configured model cannot be loaded, so lexical scoring is used', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factcheck-models-'));
    let log = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        log += chunk.toString();
        done();
      },
    });
    try {
      const scorer = await loadCrossEncoder(
        {
          MODELS_DIR: dir,
          ALLOW_REMOTE_MODELS: false,
          RERANK_MODEL: 'Xenova/ms-marco-MiniLM-L-6-v2',
        },
        createLogger('warn', sink),
      );
      expect(scorer).toBeUndefined();
      expect(log).toContain('cross-encoder not loadable');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
