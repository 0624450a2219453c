import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { Embedder } from './embedder.js';
import { embedInBatches } from './batches.js';
import { SentencePieceTokenizer, UNKNOWN_ID } from './sentencepiece-tokenizer.js';
import { activateTfBackend, type TfBackendName } from './tfjs-backend.js';
import { localGraphModelHandler, locateUseLite, readVocabulary } from './use-lite-files.js';
import { normalizeInPlace, splitRows } from './vectors.js';

export const USE_LITE_DIMENSIONS = 512;
/** The graph itself drops every token past position 128 (its ClipToMaxLength node). */
export const USE_LITE_MAX_TOKENS = 128;
/**
 * Characters tokenized before clipping: 128 tokens rarely span more than 2,000 characters, and
 * cutting first keeps a 175,000-character line from costing a full Viterbi pass.
 */
const MAX_CHARS = 2048;

export interface UseLiteOptions {
  backend: TfBackendName;
  /** Texts per graph execution. */
  batchSize: number;
}

export interface UseLiteEmbedder extends Embedder {
  readonly backend: TfBackendName;
  /** Token ids as fed to the graph (clipped); exposed for tests and diagnostics. */
  tokenize(text: string): number[];
}

/**
 * Universal Sentence Encoder Lite (512-d, English) on the official TF.js packages, read from
 * the installed npm package, fully offline. Queries and passages are embedded the same way.
 */
export async function loadUseLiteEmbedder(options: UseLiteOptions): Promise<UseLiteEmbedder> {
  const files = await locateUseLite();
  await activateTfBackend(options.backend);
  const [model, vocabulary] = await Promise.all([
    loadGraphModel(localGraphModelHandler(files.dir)),
    readVocabulary(files.dir),
  ]);
  const tokenizer = new SentencePieceTokenizer(vocabulary);

  const tokenize = (text: string): number[] => {
    const ids = tokenizer.encode(text.slice(0, MAX_CHARS)).slice(0, USE_LITE_MAX_TOKENS);
    // Every row needs a token: the graph sizes its batch by the highest row that has one.
    return ids.length > 0 ? ids : [UNKNOWN_ID];
  };

  const embedDocuments = async (texts: string[]): Promise<Float32Array[]> => {
    const tokenized = texts.map(tokenize);
    return embedInBatches(
      tokenized,
      (ids) => ids.length,
      options.batchSize,
      (batch) => runGraph(model, batch),
    );
  };

  return {
    id: `use-lite@${files.version}:${USE_LITE_DIMENSIONS}`,
    dimensions: USE_LITE_DIMENSIONS,
    backend: options.backend,
    tokenize,
    embedDocuments,
    async embedQuery(text: string): Promise<Float32Array> {
      const [vector] = await embedDocuments([text]);
      return vector;
    },
    async dispose(): Promise<void> {
      model.dispose();
    },
  };
}

/** Feeds token ids to the graph as the sparse matrix it expects: (row, position) -> id. */
async function runGraph(model: GraphModel, rows: number[][]): Promise<Float32Array[]> {
  const count = rows.reduce((n, ids) => n + ids.length, 0);
  const indices = new Int32Array(count * 2);
  const values = new Int32Array(count);
  let k = 0;
  rows.forEach((ids, row) => {
    ids.forEach((id, position) => {
      indices[2 * k] = row;
      indices[2 * k + 1] = position;
      values[k] = id;
      k++;
    });
  });
  const inputs = {
    indices: tf.tensor2d(indices, [count, 2], 'int32'),
    values: tf.tensor1d(values, 'int32'),
  };
  try {
    const output = (await model.executeAsync(inputs)) as tf.Tensor;
    const flat = (await output.data()) as Float32Array;
    output.dispose();
    // The graph ends in an L2 normalisation; renormalising in float32 costs nothing.
    return splitRows(flat, USE_LITE_DIMENSIONS).map(normalizeInPlace);
  } finally {
    inputs.indices.dispose();
    inputs.values.dispose();
  }
}
