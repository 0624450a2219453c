/**
 * Index benchmark (`npx tsx bench/index.bench.ts`):
 * 1. ingest throughput of the seed corpus against the encoder's raw batch throughput (ratio);
 * 2. HNSW recall@10 against exact search on the real seed index, for the dev claims as queries;
 * 3. 100,000 random 512-d vectors: build time, memory, query p50/p95.
 * Set INDEX_BENCH_RANDOM=<n> to change the random set's size, INDEX_BENCH_PARTS=ingest,recall,random
 * to run only some parts (recall alone reuses DATA_DIR's index instead of building one).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { createEmbedder } from '../src/embed/index.js';
import { ingestOptions, listSources, loadSource, splitPassages } from '../src/ingest/index.js';
import { ingestKnowledge } from '../src/index/ingest-knowledge.js';
import { embeddingText } from '../src/index/index-state.js';
import { hnswSettings } from '../src/index/index-settings.js';
import { openKnowledgeIndex } from '../src/index/knowledge-index.js';
import { HnswVectorStore } from '../src/index/vector-store.js';
import { createLogger } from '../src/logger.js';
import { sharedPath } from '../test/support/shared.js';

const logger = createLogger('warn');
const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(52)} ${value}`);
};
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

const parts = new Set((process.env.INDEX_BENCH_PARTS ?? 'ingest,recall,random').split(','));
const root = await mkdtemp(path.join(os.tmpdir(), 'factcheck-index-bench-'));
const base = loadConfig();
const cfg = parts.has('ingest')
  ? loadConfig({}, { DATA_DIR: root, KNOWLEDGE_DIR: path.join(PROJECT_ROOT, 'knowledge') })
  : base;
const embedder = await createEmbedder(cfg, logger);
try {
  // 1. Raw encoder rate on exactly the texts ingest embeds, then ingest itself.
  if (parts.has('ingest')) await measureIngest();
  if (parts.has('recall')) await measureRecall();
} finally {
  await embedder.dispose();
  await rm(root, { recursive: true, force: true });
}
if (parts.has('random')) measureRandom();

async function measureIngest(): Promise<void> {
  const texts: string[] = [];
  for (const source of await listSources(cfg.KNOWLEDGE_DIR)) {
    const loaded = await loadSource(cfg.KNOWLEDGE_DIR, source);
    texts.push(...splitPassages(loaded, ingestOptions(cfg).passages).map(embeddingText));
  }
  let t = performance.now();
  await embedder.embedDocuments(texts);
  const rawRate = texts.length / ((performance.now() - t) / 1000);
  row(
    'encoder raw batch rate (passages/s)',
    `${rawRate.toFixed(1)} (${texts.length} passages, ${embedder.id})`,
  );
  t = performance.now();
  const report = await ingestKnowledge(cfg, logger, { embedder });
  const ingestRate = report.embedded / ((performance.now() - t) / 1000);
  row('seed ingest rate (passages/s, end to end)', ingestRate.toFixed(1));
  row('ingest / raw encoder ratio (target >= 0.9)', (ingestRate / rawRate).toFixed(3));
}

/** 2. HNSW recall@10 against brute force on the real index. */
async function measureRecall(): Promise<void> {
  const index = await openKnowledgeIndex(cfg, logger, { embedder });
  const claims = (await readFile(sharedPath('eval', 'dev.jsonl'), 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { claim: string }).claim);
  const queries = await embedder.embedDocuments(claims);
  const live = index.passages.flatMap((p, id) => (p === null ? [] : [id]));
  let found = 0;
  for (const q of queries) {
    const exact = live
      .map((id) => ({ id, s: index.similarity(q, id) }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10)
      .map((h) => h.id);
    const approx = new Set(index.vectorSearch(q, 10).map((h) => h.id));
    found += exact.filter((id) => approx.has(id)).length;
  }
  row(
    `HNSW recall@10 vs exact (${queries.length} dev claims, ${live.length} passages)`,
    (found / (queries.length * 10)).toFixed(4),
  );
  await index.close();
}

/** 3. Random vectors: the graph's own cost, independent of the encoder. */
function measureRandom(): void {
  const n = Number(process.env.INDEX_BENCH_RANDOM ?? 100_000);
  const dims = 512;
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const vector = () => Float32Array.from({ length: dims }, random);
  global.gc?.();
  const before = process.memoryUsage().rss;
  let t = performance.now();
  const store = HnswVectorStore.create(dims, hnswSettings(cfg), n);
  for (let i = 0; i < n; i++) store.add(i, vector());
  const buildSeconds = (performance.now() - t) / 1000;
  const rssMb = (process.memoryUsage().rss - before) / 2 ** 20;
  row(`random ${n} x ${dims}-d: build time (s)`, buildSeconds.toFixed(1));
  row(`random ${n} x ${dims}-d: memory (RSS growth, MB)`, rssMb.toFixed(0));
  const latencies: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const q = vector();
    t = performance.now();
    store.search(q, 10);
    latencies.push(performance.now() - t);
  }
  latencies.sort((a, b) => a - b);
  row(
    `random ${n}: query p50 / p95 (ms, k=10, ef=${cfg.HNSW_EF_SEARCH})`,
    `${quantile(latencies, 0.5).toFixed(2)} / ${quantile(latencies, 0.95).toFixed(2)}`,
  );
}
