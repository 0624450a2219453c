/**
 * Search benchmark (`npx tsx bench/search.bench.ts`), on the configured index (DATA_DIR, built
 * from knowledge/ first if missing):
 * 1. cold start: a fresh `factcheck search` process until its first answer, and in-process
 *    open (index files + encoder) until the first search returns (target <= 3 s);
 * 2. hybrid search latency p50/p95 over 1,000 queries (the dev claims, cycled).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../src/config/config.js';
import { createEmbedder } from '../src/embed/index.js';
import { openKnowledgeIndex } from '../src/index/knowledge-index.js';
import { createLogger } from '../src/logger.js';
import { createHybridRetriever, retrieverSettings } from '../src/retrieve/hybrid-retriever.js';
import { sharedPath } from '../test/support/shared.js';

const cfg = loadConfig();
const logger = createLogger('warn');
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
const row = (name: string, value: string) => console.log(`${name.padEnd(52)} ${value}`);

// Make sure an index exists, so that what follows measures a cold start, not a build.
{
  const embedder = await createEmbedder(cfg, logger);
  const index = await openKnowledgeIndex(cfg, logger, { embedder, ownsEmbedder: true });
  row('index', `${index.size} passages, ${index.embedder.id}`);
  await index.close();
}

const cli = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
if (existsSync(cli)) {
  const t = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'bin', 'factcheck.js'),
      'search',
      'coffee causes cancer',
      '--k',
      '3',
      '--json',
    ],
    {
      encoding: 'utf8',
    },
  );
  row(
    'cold start, new process: `factcheck search` (ms)',
    result.status === 0
      ? (performance.now() - t).toFixed(0)
      : `failed: ${result.stderr.slice(0, 200)}`,
  );
} else row('cold start, new process', 'skipped (run npm run build first)');

let t = performance.now();
const embedder = await createEmbedder(cfg, logger);
const index = await openKnowledgeIndex(cfg, logger, {
  embedder,
  ownsEmbedder: true,
  build: 'never',
});
const retriever = createHybridRetriever(index, retrieverSettings(cfg));
await retriever.search('Drinking Starbucks coffee gives you cancer', 10);
row('cold start, in process: open + first search (ms)', (performance.now() - t).toFixed(0));

const claims = readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => (JSON.parse(l) as { claim: string }).claim);
const latencies: number[] = [];
for (let i = 0; i < 1000; i++) {
  t = performance.now();
  await retriever.search(claims[i % claims.length] as string, 10);
  latencies.push(performance.now() - t);
}
latencies.sort((a, b) => a - b);
row(
  `hybrid search, 1000 queries: p50 / p95 (ms, k=10)`,
  `${quantile(latencies, 0.5).toFixed(1)} / ${quantile(latencies, 0.95).toFixed(1)}`,
);
const lexical: number[] = [];
for (let i = 0; i < 1000; i++) {
  t = performance.now();
  index.bm25Search(claims[i % claims.length] as string, 100);
  lexical.push(performance.now() - t);
}
lexical.sort((a, b) => a - b);
row(
  'BM25 alone, k=100: p50 / p95 (ms)',
  `${quantile(lexical, 0.5).toFixed(2)} / ${quantile(lexical, 0.95).toFixed(2)}`,
);
await index.close();
