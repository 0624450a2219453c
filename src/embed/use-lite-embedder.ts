import type { Embedder } from './embedder.js';
import { embedInBatches } from './batches.js';
import { SentencePieceTokenizer, UNKNOWN_ID } from './sentencepiece-tokenizer.js';
import { meanDirection, tokenWindows } from './token-windows.js';
import type { TfBackendName } from './tfjs-backend.js';
import {
  USE_LITE_DIMENSIONS,
  loadUseLiteGraph,
  packRows,
  type UseLiteGraph,
} from './use-lite-graph.js';
import { locateUseLite, readVocabulary } from './use-lite-files.js';
import { startUseLitePool, type UseLitePool } from './use-lite-pool.js';

export { USE_LITE_DIMENSIONS };
/** The graph itself drops every token past position 128 (its ClipToMaxLength node). */
export const USE_LITE_MAX_TOKENS = 128;
/**
 * Characters tokenized at most: a few windows' worth (128 tokens rarely span 1,000 characters),
 * and cutting first keeps a 175,000-character line from costing a full Viterbi pass.
 */
const MAX_CHARS = 2048;

/**
 * Texts longer than 128 tokens (half of the seed passages): `clip` embeds the first 128 tokens,
 * as the graph would; `windows` embeds evenly spaced 128-token windows and averages them.
 */
export type LongTextMode = 'clip' | 'windows';

export interface UseLiteOptions {
  backend: TfBackendName;
  /** Texts per graph execution. */
  batchSize: number;
  /**
   * Extra worker threads that join the calling thread on large embedDocuments calls (TF.js
   * wasm is single-threaded in Node). Started on the first such call, so start-up and single
   * queries stay on the calling thread. 0: the calling thread only.
   */
  workers?: number;
  /** Told when the worker threads cannot start; embedding then stays on the calling thread. */
  onWorkersFailed?: (err: unknown) => void;
  /** Default clip. */
  longText?: LongTextMode;
}

export interface UseLiteEmbedder extends Embedder {
  readonly backend: TfBackendName;
  readonly workers: number;
  /** The token-id rows the graph sees for a text: one clipped row, or its windows. */
  tokenRows(text: string): number[][];
}

/**
 * Universal Sentence Encoder Lite (512-d, English) on the official TF.js packages, read from
 * the installed npm package, fully offline. Queries and passages are embedded the same way.
 */
export async function loadUseLiteEmbedder(options: UseLiteOptions): Promise<UseLiteEmbedder> {
  const files = await locateUseLite();
  const workers = options.workers ?? 0;
  const [graph, vocabulary] = await Promise.all([
    loadUseLiteGraph(files.dir, options.backend),
    readVocabulary(files.dir),
  ]);
  const tokenizer = new SentencePieceTokenizer(vocabulary);
  /** Started on the first large call; undefined once it failed (never retried). */
  let pool: Promise<UseLitePool | undefined> | undefined;
  const startPool = () =>
    startUseLitePool(files.dir, options.backend, workers).catch((err: unknown) => {
      options.onWorkersFailed?.(err);
      return undefined;
    });

  const longText = options.longText ?? 'clip';
  const tokenRows = (text: string): number[][] => {
    const ids = tokenizer.encode(text.slice(0, MAX_CHARS));
    // Every row needs a token: the graph sizes its batch by the highest row that has one.
    if (ids.length === 0) return [[UNKNOWN_ID]];
    return longText === 'windows'
      ? tokenWindows(ids, USE_LITE_MAX_TOKENS)
      : [ids.slice(0, USE_LITE_MAX_TOKENS)];
  };

  /** One lane per thread: this one first, then the pool's workers when the call is large. */
  const lanesFor = async (batches: number): Promise<Array<UseLiteGraph | UseLitePool>> => {
    if (workers === 0 || batches < 2) return [graph];
    pool ??= startPool();
    const started = await pool;
    return started ? [graph, ...Array<UseLitePool>(workers).fill(started)] : [graph];
  };

  const embedRows = async (rows: number[][]): Promise<Float32Array[]> => {
    const idle = await lanesFor(Math.ceil(rows.length / options.batchSize));
    const lanes = idle.length;
    return embedInBatches(
      rows,
      (ids) => ids.length,
      options.batchSize,
      async (batch) => {
        // concurrency === lanes, so a lane is always free here.
        const lane = idle.pop()!;
        try {
          return await lane.run(packRows(batch));
        } finally {
          idle.push(lane);
        }
      },
      lanes,
    );
  };

  const embedDocuments = async (texts: string[]): Promise<Float32Array[]> => {
    const perText = texts.map(tokenRows);
    const vectors = await embedRows(perText.flat());
    let next = 0;
    return perText.map((rows) => meanDirection(vectors.slice(next, (next += rows.length))));
  };

  return {
    id: `use-lite@${files.version}:${USE_LITE_DIMENSIONS}${longText === 'windows' ? ':windows' : ''}`,
    dimensions: USE_LITE_DIMENSIONS,
    backend: options.backend,
    workers,
    tokenRows,
    embedDocuments,
    async embedQuery(text: string): Promise<Float32Array> {
      const [vector] = await embedDocuments([text]);
      return vector;
    },
    async dispose(): Promise<void> {
      graph.dispose();
      await (await pool)?.dispose();
    },
  };
}
