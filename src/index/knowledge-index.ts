import { readFile } from 'node:fs/promises';
import type { Config } from '../config/config.js';
import type { Embedder } from '../embed/embedder.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Passage } from '../types.js';
import type { Bm25Hit, WeightedTerm } from './bm25-store.js';
import { loadIndex, readManifest, sourceCopyPath } from './index-files.js';
import { bm25Settings, buildKey, hnswSettings, indexRoot } from './index-settings.js';
import { ingestKnowledge, type IngestProgress } from './ingest-knowledge.js';
import { FORMAT_VERSION, sameBuild, type IndexManifest } from './manifest.js';
import { tokenize } from './tokenize.js';
import type { VectorHit } from './vector-store.js';

/** Stored vectors a checker keeps in memory (see storedVector). */
const VECTOR_CACHE_ROWS = 10_000;

/** A loaded, read-only knowledge index: passages, both search indexes and the query encoder. */
export interface KnowledgeIndex {
  /** The passage table by row id; null for rows of removed documents. */
  readonly passages: ReadonlyArray<Passage | null>;
  readonly embedder: Embedder;
  readonly manifest: IndexManifest;
  /** Identifies the indexed corpus and build, for answers and caches. */
  readonly version: string;
  /** Live passages. */
  readonly size: number;
  /** The text of a document exactly as indexed: `passage.text === sourceText(source).slice(start, end)`. */
  sourceText(source: string): Promise<string>;
  /** The k passages nearest to a query vector (approximate), by cosine similarity. */
  vectorSearch(vector: ArrayLike<number>, k: number): VectorHit[];
  /** Exact cosine similarity between a (normalised) query vector and a passage. */
  similarity(vector: ArrayLike<number>, row: number): number;
  /** The k best passages by BM25 for text, or for (weighted) tokens from `tokenize`. */
  bm25Search(query: string | readonly (string | WeightedTerm)[], k: number): Bm25Hit[];
  /** BM25 scores of given passages for a query (0 where no term matches). */
  bm25Scores(query: string | readonly (string | WeightedTerm)[], rows: readonly number[]): number[];
  /** Releases the embedder if the index created it. */
  close(): Promise<void>;
}

export interface OpenOptions {
  embedder: Embedder;
  onProgress?: (progress: IngestProgress) => void;
  /** if-needed: build when there is no index or it was built with other settings; never: refuse. */
  build?: 'if-needed' | 'never';
  /** Dispose the embedder on close (when the caller hands over ownership). */
  ownsEmbedder?: boolean;
}

/** Opens the index in config.DATA_DIR, building it first from the knowledge folder if needed. */
export async function openKnowledgeIndex(
  cfg: Config,
  logger: Logger,
  options: OpenOptions,
): Promise<KnowledgeIndex> {
  const { embedder } = options;
  const root = indexRoot(cfg);
  const key = buildKey(cfg, embedder);
  const stored = await readManifest(root).catch((err: unknown) => {
    if (options.build === 'never') throw err;
    return undefined;
  });
  const usable =
    stored !== undefined &&
    stored.manifest.formatVersion === FORMAT_VERSION &&
    sameBuild(stored.manifest.build, key);
  const build = () =>
    ingestKnowledge(cfg, logger, {
      embedder,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  if (!usable) {
    if (options.build === 'never')
      throw new AppError(
        'INDEX_NOT_READY',
        stored === undefined
          ? 'No knowledge index yet; run `factcheck ingest`.'
          : 'The knowledge index was built with another embedder or settings; run `factcheck ingest`.',
      );
    await build();
  }
  const settings = { bm25: bm25Settings(cfg), hnsw: hnswSettings(cfg) };
  const loaded = await loadIndex(root, settings).catch(async (err: unknown) => {
    // A damaged index is rebuilt when building is allowed (ingest discards unreadable ones).
    if (options.build === 'never' || !(err instanceof AppError && err.code === 'INDEX_CORRUPT'))
      throw err;
    logger.warn({ err: err.message }, 'knowledge index unreadable; rebuilding');
    await build();
    return loadIndex(root, settings);
  });
  if (loaded === undefined) throw new AppError('INDEX_NOT_READY');
  const { dir, manifest, state } = loaded;
  const texts = new Map<string, Promise<string>>();
  // Stored vectors as read from hnswlib (each read builds a 512-number array), kept for the rows
  // that checks keep scoring; emptied when full, which bounds it at about 20 MB.
  const vectors = new Map<number, Float32Array>();
  const storedVector = (row: number): Float32Array => {
    let v = vectors.get(row);
    if (!v) {
      if (vectors.size >= VECTOR_CACHE_ROWS) vectors.clear();
      v = new Float32Array(state.vectors.vector(row));
      vectors.set(row, v);
    }
    return v;
  };
  logger.debug({ dir, passages: state.size }, 'knowledge index opened');

  return {
    passages: state.passages,
    embedder,
    manifest,
    version: `${manifest.builtAt}#${manifest.corpusFingerprint.slice(0, 12)}`,
    size: state.size,
    sourceText(source) {
      const doc = manifest.documents[source];
      if (doc === undefined)
        return Promise.reject(
          new AppError('SOURCE_NOT_FOUND', `${source} is not in the index.`, {
            details: { source },
          }),
        );
      let text = texts.get(doc.hash);
      if (text === undefined) {
        text = readFile(sourceCopyPath(dir, doc.hash), 'utf8');
        texts.set(doc.hash, text);
      }
      return text;
    },
    vectorSearch: (vector, k) => state.vectors.search(vector, k),
    similarity(vector, row) {
      const stored = storedVector(row);
      let dot = 0;
      for (let i = 0; i < stored.length; i++) dot += stored[i]! * vector[i]!;
      return dot;
    },
    bm25Search: (query, k) =>
      state.bm25.search(typeof query === 'string' ? tokenize(query) : query, k),
    bm25Scores: (query, rows) =>
      state.bm25.scores(typeof query === 'string' ? tokenize(query) : query, rows),
    async close() {
      if (options.ownsEmbedder) await embedder.dispose();
    },
  };
}
