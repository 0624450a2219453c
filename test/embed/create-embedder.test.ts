import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createEmbedder } from '../../src/embed/create-embedder.js';
import type { Embedder } from '../../src/embed/embedder.js';
import { EmbedderEmbeddings } from '../../src/embed/langchain-embeddings.js';
import { AppError } from '../../src/errors.js';
import { writeTinyBertModel } from '../fixtures/embed/tiny-bert-model.js';
import { captureLogs } from '../support/log-capture.js';

const MODEL_ID = 'fixture/tiny-minilm';

describe('createEmbedder', () => {
  let modelsDir: string;
  const opened: Embedder[] = [];
  const config = (env: Record<string, string>): Config =>
    loadConfig({ MODELS_DIR: modelsDir, HF_MODEL: MODEL_ID, ...env });
  const open = async (env: Record<string, string>) => {
    const logs = captureLogs('info');
    const embedder = await createEmbedder(config(env), logs.logger);
    opened.push(embedder);
    return { embedder, lines: logs.lines() as { msg: string; reason?: string }[] };
  };

  beforeAll(() => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-models-'));
    writeTinyBertModel(modelsDir, { modelId: MODEL_ID, hidden: 32 });
  });
  afterAll(async () => {
    await Promise.all(opened.map((e) => e.dispose()));
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  it('auto: uses the transformers.js model when it is in the models folder, saying so once', async () => {
    const { embedder, lines } = await open({ EMBEDDER: 'auto' });
    expect(embedder.id).toBe(`hf:${MODEL_ID}@fp32:mean:norm:32`);
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toContain(MODEL_ID);
  });

  it('auto: falls back to USE-Lite with one log line naming the missing model and why', async () => {
    const { embedder, lines } = await open({ EMBEDDER: 'auto', HF_MODEL: 'fixture/absent' });
    expect(embedder.id).toMatch(/^use-lite@/);
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/USE-Lite.*fixture\/absent/);
    expect(lines[0].reason).toMatch(/ALLOW_REMOTE_MODELS=false/);
  });

  it('transformers: refuses with EMBEDDER_UNAVAILABLE when the model cannot load', async () => {
    const attempt = createEmbedder(
      config({ EMBEDDER: 'transformers', HF_MODEL: 'fixture/absent' }),
      captureLogs().logger,
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'EMBEDDER_UNAVAILABLE' });
  });

  it('use-lite: goes straight to the offline encoder even when a transformers model exists', async () => {
    const { embedder, lines } = await open({ EMBEDDER: 'use-lite' });
    expect(embedder.id).toMatch(/^use-lite@\d+\.\d+\.\d+:512$/);
    expect(lines).toHaveLength(0);
  });

  it('wraps any embedder as LangChain Embeddings with plain number arrays', async () => {
    const { embedder } = await open({ EMBEDDER: 'use-lite' });
    const embeddings = new EmbedderEmbeddings(embedder);
    const docs = await embeddings.embedDocuments(['coffee causes cancer', 'rice prices']);
    const query = await embeddings.embedQuery('coffee causes cancer');
    expect(docs).toHaveLength(2);
    expect(Array.isArray(docs[0])).toBe(true);
    expect(docs[0]).toHaveLength(512);
    expect(query).toEqual(docs[0]);
    expect(query).toEqual(Array.from(await embedder.embedQuery('coffee causes cancer')));
  });
});
