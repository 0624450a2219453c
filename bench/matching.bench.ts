/**
 * What matching a claim against the trending clusters costs, with and without the figures
 * signal (reading figures is most of a pair's cost). The written claims of eval/ (1,134, most
 * about figures, all about 24 articles: a dense case) are streamed three times through the
 * clusterer at the configured join threshold, average link and merging, with the checker's
 * embedding and passages as the service computes them (no citations). Prints the median time of
 * one assignment over the last 200 claims, when about 3,200 are stored.
 *
 *   npx tsx bench/matching.bench.ts      (or `npm run bench -- matching`)
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config/config.js';
import { glossChinese } from '../src/moderation/chinese-gloss.js';
import { claimFeatures } from '../src/moderation/claim-features.js';
import { Clusterer, TRENDING_LINK } from '../src/moderation/clusterer.js';
import type { ClaimFeatures } from '../src/moderation/similarity.js';
import { isMostlyCjk } from '../src/moderation/text-grams.js';
import { loadChineseTools } from '../src/verdict/zh/dictionary.js';
import { translateChinese } from '../src/verdict/zh/translate.js';
import { quantile } from '../src/moderation/cluster-quality.js';
import {
  realChecker,
  sharedIndexDataDir,
  testConfig,
} from '../test/server/support/real-checker.js';

const COPIES = 3;
const MEASURED = 200;

const claimsDir = path.join(PROJECT_ROOT, 'eval');
const texts: string[] = [];
for (const folder of fs
  .readdirSync(claimsDir)
  .filter((f) => f.startsWith('seed-claims'))
  .sort()) {
  for (const file of fs.readdirSync(path.join(claimsDir, folder)).sort()) {
    for (const line of fs.readFileSync(path.join(claimsDir, folder, file), 'utf8').split('\n')) {
      if (line.trim()) texts.push((JSON.parse(line) as { claim: string }).claim);
    }
  }
}

const config = testConfig(sharedIndexDataDir());
const checker = await realChecker();
const tools = await loadChineseTools();
const source = { embed: checker.embed, search: checker.search, gloss: glossChinese };
const features: ClaimFeatures[] = [];
for (const text of texts) {
  const english = isMostlyCjk(text) ? translateChinese(text, tools).english : undefined;
  features.push(await claimFeatures(text, source, english));
}
await checker.close();
const stream = Array.from({ length: COPIES }, () => features).flat();

function run(items: readonly ClaimFeatures[]) {
  let n = 0;
  const clusterer = new Clusterer({
    joinThreshold: config.MOD_CLUSTER_THRESHOLD,
    maxMembers: config.MOD_CLUSTER_MEMBERS,
    newId: () => `c${n++}`,
    link: TRENDING_LINK,
    merge: { canMerge: () => true },
  });
  const times: number[] = [];
  items.forEach((f, i) => {
    const start = performance.now();
    clusterer.assign(f);
    if (i >= items.length - MEASURED) times.push(performance.now() - start);
  });
  return { clusters: n, median: quantile(times, 0.5), p95: quantile(times, 0.95) };
}

const withoutFigures = stream.map(({ figures: _figures, ...rest }) => rest);
console.log(
  `${texts.length} written claims x ${COPIES}; join threshold ${config.MOD_CLUSTER_THRESHOLD}\n`,
);
console.log('| pair signals | clusters made | assign median ms | assign p95 ms |');
console.log('| --- | --- | --- | --- |');
for (const [name, items] of [
  ['all (in use)', stream],
  ['without figures', withoutFigures],
] as const) {
  const r = run(items);
  console.log(`| ${name} | ${r.clusters} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} |`);
}
