import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import type { Embedder } from '../embed/embedder.js';
import { AppError } from '../errors.js';
import { ingestOptions, listSources, loadSource, splitPassages } from '../ingest/index.js';
import type { Logger } from '../logger.js';
import type { Passage } from '../types.js';
import { loadIndex, readManifest, saveIndex, type LoadedIndex } from './index-files.js';
import { bm25Settings, buildKey, hnswSettings, indexRoot } from './index-settings.js';
import { embeddingText, IndexState, type EmbeddedPassage } from './index-state.js';
import { FORMAT_VERSION, sameBuild, type BuildKey } from './manifest.js';

export interface IngestProgress {
  phase: 'scan' | 'embed' | 'write';
  done: number;
  total: number;
}

export interface IngestOptions {
  /** Files or folders to (re)ingest; default the whole knowledge folder. */
  paths?: string[];
  embedder: Embedder;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestReport {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Live passages in the index afterwards. */
  passages: number;
  /** Passages embedded by this run (only those of added or changed documents). */
  embedded: number;
  /** Whether the stored index was discarded (none, corrupt, other embedder or format). */
  rebuilt: boolean;
  seconds: number;
  changes: { added: string[]; updated: string[]; removed: string[] };
}

/** Passages sent to the embedder at once: big enough to keep its batches full across documents. */
const EMBED_CHUNK = 256;

interface ChangedDocument {
  source: string;
  hash: string;
  text: string;
  passages: Passage[];
}

/** The stored index when it can be updated in place; otherwise why it must be rebuilt. */
async function reusableIndex(
  cfg: Config,
  key: BuildKey,
  logger: Logger,
): Promise<LoadedIndex | undefined> {
  const root = indexRoot(cfg);
  try {
    const found = await readManifest(root);
    if (found === undefined) return undefined;
    if (found.manifest.formatVersion !== FORMAT_VERSION || !sameBuild(found.manifest.build, key)) {
      logger.info(
        { stored: found.manifest.build, wanted: key },
        'index built with other settings or embedder; rebuilding',
      );
      return undefined;
    }
    return await loadIndex(root, { bm25: bm25Settings(cfg), hnsw: hnswSettings(cfg) });
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'INDEX_CORRUPT')) throw err;
    logger.warn({ err: err.message }, 'stored index is unreadable; rebuilding');
    return undefined;
  }
}

/** Sources (relative paths) whose removal this run may notice: all, or those under `paths`. */
async function removalScope(knowledgeDir: string, paths: string[] | undefined) {
  if (paths === undefined || paths.length === 0) return () => true;
  const root = await realpath(knowledgeDir);
  const prefixes: string[] = [];
  for (const p of paths) {
    const real = await realpath(path.resolve(p));
    const rel = path.relative(root, real).split(path.sep).join('/');
    prefixes.push((await stat(real)).isDirectory() ? (rel === '' ? '' : `${rel}/`) : rel);
  }
  return (source: string) =>
    prefixes.some((p) => p === '' || source === p || (p.endsWith('/') && source.startsWith(p)));
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/**
 * Brings the index in line with the knowledge folder: only added or changed documents (by
 * content hash) are split and embedded, removed ones are dropped, and the result is committed
 * atomically. A missing, unreadable or incompatible index is rebuilt from scratch.
 */
export async function ingestKnowledge(
  cfg: Config,
  logger: Logger,
  options: IngestOptions,
): Promise<IngestReport> {
  const started = performance.now();
  const { embedder, onProgress } = options;
  const key = buildKey(cfg, embedder);
  const existing = await reusableIndex(cfg, key, logger);
  const state =
    existing?.state ?? IndexState.empty(key, bm25Settings(cfg), hnswSettings(cfg), 1024);
  const opts = ingestOptions(cfg);

  const sources = await listSources(cfg.KNOWLEDGE_DIR, options.paths);
  const inScope = await removalScope(cfg.KNOWLEDGE_DIR, options.paths);
  const changed: ChangedDocument[] = [];
  const changes: IngestReport['changes'] = { added: [], updated: [], removed: [] };
  let unchanged = 0;
  for (const [i, source] of sources.entries()) {
    onProgress?.({ phase: 'scan', done: i, total: sources.length });
    const known = state.documents.get(source);
    // Fast path: the content hash is the sha256 of the file's (valid UTF-8) bytes.
    if (
      known !== undefined &&
      sha256(await readFile(path.join(cfg.KNOWLEDGE_DIR, source))) === known.hash
    ) {
      unchanged++;
      continue;
    }
    const loaded = await loadSource(cfg.KNOWLEDGE_DIR, source, opts.load);
    if (known?.hash === loaded.hash) {
      unchanged++;
      continue;
    }
    (known === undefined ? changes.added : changes.updated).push(source);
    const passages = splitPassages(loaded, opts.passages);
    changed.push({ source, hash: loaded.hash, text: loaded.text, passages });
  }
  onProgress?.({ phase: 'scan', done: sources.length, total: sources.length });
  const listed = new Set(sources);
  for (const source of state.documents.keys())
    if (!listed.has(source) && inScope(source)) changes.removed.push(source);

  const embedded = await embedAll(embedder, changed, onProgress);
  for (const source of changes.removed) state.removeDocument(source);
  for (const [i, doc] of changed.entries())
    state.putDocument(doc.source, doc.hash, embedded[i] as EmbeddedPassage[]);
  if (state.vectors.deletedFraction > cfg.INDEX_COMPACT_FRACTION) {
    logger.info({ deleted: state.vectors.deletedCount }, 'compacting the vector index');
    state.compact();
  }

  const rebuilt = existing === undefined;
  if (rebuilt || changed.length > 0 || changes.removed.length > 0) {
    onProgress?.({ phase: 'write', done: 0, total: 1 });
    const texts = new Map(changed.map((d) => [d.hash, d.text]));
    const { dir } = await saveIndex(indexRoot(cfg), state, texts, existing?.dir);
    onProgress?.({ phase: 'write', done: 1, total: 1 });
    logger.info({ dir, passages: state.size }, 'index written');
  }
  const total = changed.reduce((n, d) => n + d.passages.length, 0);
  return {
    added: changes.added.length,
    updated: changes.updated.length,
    removed: changes.removed.length,
    unchanged,
    passages: state.size,
    embedded: total,
    rebuilt,
    seconds: (performance.now() - started) / 1000,
    changes,
  };
}

/**
 * Embeds every passage of every changed document in large cross-document chunks. Chunks are
 * cut from the passages sorted by length, so each batch pads as little as one big call would.
 */
async function embedAll(
  embedder: Embedder,
  docs: readonly ChangedDocument[],
  onProgress: IngestOptions['onProgress'],
): Promise<EmbeddedPassage[][]> {
  const texts = docs.flatMap((d) => d.passages.map(embeddingText));
  const order = texts
    .map((_, i) => i)
    .sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
  const vectors = new Array<Float32Array>(texts.length);
  onProgress?.({ phase: 'embed', done: 0, total: texts.length });
  for (let i = 0; i < order.length; i += EMBED_CHUNK) {
    const slice = order.slice(i, i + EMBED_CHUNK);
    const embedded = await embedder.embedDocuments(slice.map((j) => texts[j] as string));
    slice.forEach((j, k) => (vectors[j] = embedded[k] as Float32Array));
    onProgress?.({
      phase: 'embed',
      done: Math.min(i + EMBED_CHUNK, texts.length),
      total: texts.length,
    });
  }
  let next = 0;
  return docs.map((d) =>
    d.passages.map((passage) => ({ passage, vector: vectors[next++] as Float32Array })),
  );
}
