import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadTransformersEmbedder,
  type TransformersEmbedder,
} from '../../src/embed/transformers-embedder.js';
import { dot } from '../../src/embed/vectors.js';
import {
  expectedMeanPooled,
  writeTinyBertModel,
  type TinyBertTables,
} from '../fixtures/embed/tiny-bert-model.js';

const MODEL_ID = 'fixture/tiny-minilm';

/** Token ids straight from the WordPiece vocabulary file (one token a line, id = line number). */
function vocabIds(modelDir: string): Map<string, number> {
  const lines = fs.readFileSync(path.join(modelDir, 'vocab.txt'), 'utf8').split('\n');
  return new Map(lines.map((token, id) => [token, id]));
}

function unit(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  return v.map((x) => x / norm);
}

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual).toHaveLength(expected.length);
  for (let i = 0; i < expected.length; i++) expect(actual[i]).toBeCloseTo(expected[i], 4);
}

describe('transformers.js embedder (generated random-weight BERT model)', () => {
  let modelsDir: string;
  let tables: TinyBertTables;
  let ids: Map<string, number>;
  let embedder: TransformersEmbedder;
  /** [CLS] words... [SEP] for lowercase words that are whole tokens of the vocabulary. */
  const wordIds = (words: string[]): number[] => [
    ids.get('[CLS]')!,
    ...words.map((w) => ids.get(w)!),
    ids.get('[SEP]')!,
  ];

  beforeAll(async () => {
    modelsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-models-'));
    tables = writeTinyBertModel(modelsDir, { modelId: MODEL_ID, hidden: 32 });
    ids = vocabIds(path.join(modelsDir, MODEL_ID));
    embedder = await loadTransformersEmbedder({
      modelId: MODEL_ID,
      modelsDir,
      allowRemote: false,
      batchSize: 2,
    });
  });
  afterAll(async () => {
    await embedder?.dispose();
    fs.rmSync(modelsDir, { recursive: true, force: true });
  });

  it('loads the local model and names model, weights, pooling and size in its id', () => {
    expect(embedder.dimensions).toBe(32);
    expect(embedder.id).toBe(`hf:${MODEL_ID}@fp32:mean:norm:32`);
  });

  it('tokenizes with the real WordPiece tokenizer, mean-pools over the mask and normalises', async () => {
    const [vector] = await embedder.embedDocuments(['Coffee causes cancer']);
    const expected = unit(expectedMeanPooled(tables, wordIds(['coffee', 'causes', 'cancer'])));
    expectClose(vector, expected);
    expect(dot(vector, vector)).toBeCloseTo(1, 5);
  });

  it('gives the same vectors batched (padded) as one by one, in input order', async () => {
    const texts = [
      'the rumor about coffee and cancer spread in many group chats last year',
      'coffee',
      'rice prices rose',
      'a claim',
      'the province grew fast',
    ];
    const batched = await embedder.embedDocuments(texts);
    expect(batched).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embedDocuments([text]);
      expectClose(batched[i], single);
    }
    expectClose(batched[1], unit(expectedMeanPooled(tables, wordIds(['coffee']))));
  });

  it('embeds queries with the profile query prefix and passages with the passage prefix', async () => {
    const e5Like = await loadTransformersEmbedder({
      modelId: MODEL_ID,
      modelsDir,
      allowRemote: false,
      batchSize: 8,
      profile: { queryPrefix: 'query: ', passagePrefix: 'passage: ', normalize: false },
    });
    try {
      const query = await e5Like.embedQuery('coffee');
      const [passage] = await e5Like.embedDocuments(['coffee']);
      const colon = ':';
      expectClose(query, expectedMeanPooled(tables, wordIds(['query', colon, 'coffee'])));
      expectClose(passage, expectedMeanPooled(tables, wordIds(['passage', colon, 'coffee'])));
      // normalize: false keeps the raw mean, which is not unit length here.
      expect(Math.abs(dot(query, query) - 1)).toBeGreaterThan(0.01);
    } finally {
      await e5Like.dispose();
    }
  });

  it('loads the quantized file name when only that one exists', async () => {
    writeTinyBertModel(modelsDir, { modelId: 'fixture/q8-only', fileName: 'model_quantized.onnx' });
    const q8 = await loadTransformersEmbedder({
      modelId: 'fixture/q8-only',
      modelsDir,
      allowRemote: false,
      batchSize: 8,
    });
    try {
      expect(q8.id).toBe('hf:fixture/q8-only@q8:mean:norm:32');
    } finally {
      await q8.dispose();
    }
  });

  it('refuses a model missing from the local folder when downloads are off', async () => {
    await expect(
      loadTransformersEmbedder({
        modelId: 'fixture/not-there',
        modelsDir,
        allowRemote: false,
        batchSize: 8,
      }),
    ).rejects.toThrow(/not-there/);
  });
});
