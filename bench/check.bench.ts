/**
 * Check benchmark (`npx tsx bench/check.bench.ts`), on the configured index (DATA_DIR):
 * 1. warm `check` latency p50/p95 over the dev claims repeated (targets p50 <= 60 ms, p95 <= 150 ms),
 *    and where the time goes per stage (normalise, retrieve, rerank + stance, compose);
 * 2. each switchable signal measured both ways on the dev claims: RERANKER none vs lexical,
 *    QUERY_EXPANSION none vs wordnet (accuracy, macro-F1, evidence hit@5).
 */
import { readFileSync } from 'node:fs';
import { evaluate, parseLabeled } from '../src/cli/commands/eval.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { createEmbedder } from '../src/embed/index.js';
import { openKnowledgeIndex } from '../src/index/knowledge-index.js';
import { createLogger } from '../src/logger.js';
import { createChecker } from '../src/verdict/checker.js';
import { sharedPath } from '../test/support/shared.js';

const ROUNDS = 4;
const cfg = loadConfig();
const logger = createLogger('warn');
const row = (name: string, value: string) => console.log(`${name.padEnd(44)} ${value}`);
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;

const items = parseLabeled(readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8'));
const embedder = await createEmbedder(cfg, logger);
const index = await openKnowledgeIndex(cfg, logger, { embedder, ownsEmbedder: true });

{
  const checker = await createChecker(cfg, logger, { index });
  // Warm up: JIT, WordNet synsets, the Chinese dictionary.
  for (const item of items.slice(0, 10)) await checker.check(item.claim);
  await checker.check('喝星巴克咖啡会致癌吗？');
  const totals: number[] = [];
  const stages: Record<string, number[]> = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const item of items) {
      const t = performance.now();
      const result = await checker.check(item.claim);
      totals.push(performance.now() - t);
      for (const [k, v] of Object.entries(result.timings as Record<string, number>))
        (stages[k] ??= []).push(v);
    }
  }
  totals.sort((a, b) => a - b);
  row('warm check, claims', String(totals.length));
  row(
    'warm check p50 / p95 (ms)',
    `${quantile(totals, 0.5).toFixed(1)} / ${quantile(totals, 0.95).toFixed(1)}`,
  );
  for (const [stage, values] of Object.entries(stages)) {
    values.sort((a, b) => a - b);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    row(`  ${stage} mean / p95 (ms)`, `${mean.toFixed(1)} / ${quantile(values, 0.95).toFixed(1)}`);
  }
  await checker.close();
}

console.log('');
row('setting', 'accuracy  macro-F1  hit@1  hit@5');
const variants: [string, Partial<Config>][] = [
  ['RERANKER=lexical QUERY_EXPANSION=wordnet', { RERANKER: 'lexical', QUERY_EXPANSION: 'wordnet' }],
  ['RERANKER=lexical QUERY_EXPANSION=none', { RERANKER: 'lexical', QUERY_EXPANSION: 'none' }],
  ['RERANKER=none QUERY_EXPANSION=wordnet', { RERANKER: 'none', QUERY_EXPANSION: 'wordnet' }],
  ['RERANKER=none QUERY_EXPANSION=none', { RERANKER: 'none', QUERY_EXPANSION: 'none' }],
];
for (const [name, override] of variants) {
  const checker = await createChecker({ ...cfg, ...override }, logger, { index });
  const { report } = await evaluate(checker, items, cfg.KNOWLEDGE_DIR);
  row(
    name,
    `${report.accuracy.toFixed(3)}     ${report.macroF1.toFixed(3)}     ${report.hitAt1.toFixed(3)}  ${report.hitAt5.toFixed(3)}`,
  );
  await checker.close();
}
await index.close();
