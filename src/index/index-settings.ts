import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Embedder } from '../embed/embedder.js';
import type { Bm25Settings } from './bm25-store.js';
import type { BuildKey } from './manifest.js';
import type { HnswSettings } from './vector-store.js';

/** Where the knowledge index lives inside the data folder. */
export const indexRoot = (cfg: Pick<Config, 'DATA_DIR'>): string =>
  path.join(cfg.DATA_DIR, 'index');

export const bm25Settings = (cfg: Pick<Config, 'BM25_K1' | 'BM25_B'>): Bm25Settings => ({
  k1: cfg.BM25_K1,
  b: cfg.BM25_B,
});

export const hnswSettings = (
  cfg: Pick<Config, 'HNSW_M' | 'HNSW_EF_CONSTRUCTION' | 'HNSW_EF_SEARCH'>,
): HnswSettings => ({
  m: cfg.HNSW_M,
  efConstruction: cfg.HNSW_EF_CONSTRUCTION,
  efSearch: cfg.HNSW_EF_SEARCH,
  seed: 100,
});

/** The settings an index is built with; a stored index with a different key is rebuilt. */
export const buildKey = (
  cfg: Pick<Config, 'PASSAGE_TARGET_CHARS' | 'PASSAGE_MAX_CHARS' | 'BM25_TITLE_WEIGHT'>,
  embedder: Pick<Embedder, 'id' | 'dimensions'>,
): BuildKey => ({
  embedderId: embedder.id,
  dimensions: embedder.dimensions,
  passageTargetChars: cfg.PASSAGE_TARGET_CHARS,
  passageMaxChars: cfg.PASSAGE_MAX_CHARS,
  titleWeight: cfg.BM25_TITLE_WEIGHT,
});
