/**
 * Moderation benchmark.
 * 1. Clustering quality on hand-written paraphrase groups of the dev claims
 *    (test/fixtures/moderation/paraphrase-groups.json): purity, split rate, and the similarity
 *    distributions of same-rumor and different-rumor pairs from which the automatic and the
 *    suggestion thresholds (config: MOD_AUTO_THRESHOLD, MOD_SUGGEST_THRESHOLD) are chosen.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, loadConfig } from '../src/config/config.js';
import { claimFeatures, type FeatureSource } from '../src/moderation/claim-features.js';
import { Clusterer, type Link } from '../src/moderation/clusterer.js';
import { chooseThreshold, clusteringQuality, quantile } from '../src/moderation/cluster-quality.js';
import { claimSimilarity, type ClaimFeatures } from '../src/moderation/similarity.js';
import { isMostlyCjk } from '../src/moderation/text-grams.js';

interface Group {
  id: string;
  texts: string[];
}

const fixture = path.join(PROJECT_ROOT, 'test/fixtures/moderation/paraphrase-groups.json');
const groups = (JSON.parse(fs.readFileSync(fixture, 'utf8')) as { groups: Group[] }).groups;

async function featureSource(): Promise<{ source?: FeatureSource; close(): Promise<void> }> {
  if (process.env.MOD_BENCH_LEXICAL === '1') return { close: async () => {} };
  try {
    // A variable path: the checker module may not exist yet in a partial checkout.
    const checkerModule = '../src/verdict/checker.js';
    const { createChecker } = (await import(checkerModule)) as {
      createChecker: (
        cfg: unknown,
        logger?: unknown,
      ) => Promise<FeatureSource & { close(): Promise<void> }>;
    };
    const checker = await createChecker(loadConfig());
    return { source: checker, close: () => checker.close() };
  } catch (err) {
    console.log(`(no checker: ${(err as Error).message}; lexical signal only)`);
    return { close: async () => {} };
  }
}

function row(cells: (string | number)[]): string {
  return `| ${cells.map((c) => (typeof c === 'number' ? c.toFixed(3) : c)).join(' | ')} |`;
}

/** Deterministic shuffle (mulberry32) so runs are comparable. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The verdict layer's word-by-word Chinese-to-English rendering, when it loads. */
async function translator(): Promise<(text: string) => string | undefined> {
  try {
    // Variable paths: the verdict layer's modules may be absent in a partial checkout.
    const dictionaryModule = '../src/verdict/zh/dictionary.js';
    const translateModule = '../src/verdict/zh/translate.js';
    const { loadChineseTools } = (await import(dictionaryModule)) as {
      loadChineseTools: () => Promise<unknown>;
    };
    const { translateChinese } = (await import(translateModule)) as {
      translateChinese: (text: string, tools: unknown) => { english: string };
    };
    const tools = await loadChineseTools();
    return (text) => (isMostlyCjk(text) ? translateChinese(text, tools).english : undefined);
  } catch (err) {
    console.log(`(no Chinese translation: ${(err as Error).message})`);
    return () => undefined;
  }
}

async function clusteringSection(): Promise<void> {
  const { source, close } = await featureSource();
  const translate = process.env.MOD_BENCH_TRANSLATE === '0' ? () => undefined : await translator();
  const items: { label: string; text: string; features: ClaimFeatures }[] = [];
  for (const group of groups) {
    for (const text of group.texts) {
      items.push({
        label: group.id,
        text,
        features: await claimFeatures(text, source, translate(text)),
      });
    }
  }
  await close();

  const signals = ['score', 'lexical', 'embedding', 'passages'] as const;
  const same: Record<string, number[]> = {};
  const different: Record<string, number[]> = {};
  const crossSame: number[] = [];
  for (const s of signals) {
    same[s] = [];
    different[s] = [];
  }
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const sim = claimSimilarity(items[i].features, items[j].features);
      const bucket = items[i].label === items[j].label ? same : different;
      for (const s of signals) bucket[s].push(sim[s]);
      if (
        items[i].label === items[j].label &&
        isMostlyCjk(items[i].text) !== isMostlyCjk(items[j].text)
      ) {
        crossSame.push(sim.score);
      }
    }
  }
  console.log(
    `${groups.length} rumors, ${items.length} forwards; ${same.score.length} same-rumor and ${different.score.length} different-rumor pairs\n`,
  );
  console.log('| signal | pairs | p05 | p25 | p50 | p75 | p95 | p99 | max |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const s of signals) {
    for (const [name, values] of [
      ['same', same[s]],
      ['different', different[s]],
    ] as const) {
      const q = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => quantile(values, p));
      console.log(row([`${s} ${name}`, values.length, ...q, Math.max(...values)]));
    }
  }
  const q = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => quantile(crossSame, p));
  console.log(row(['score same, zh-en', crossSame.length, ...q, Math.max(...crossSame)]));

  const auto = chooseThreshold(same.score, different.score, 0.002);
  const suggest = chooseThreshold(same.score, different.score, 0.02);
  console.log('\n| threshold | value | same-rumor pairs above | different-rumor pairs above |');
  console.log('|---|---|---|---|');
  console.log(
    row(['automatic (false matches <= 0.2%)', auto.threshold, auto.recall, auto.falseMatchRate]),
  );
  console.log(
    row([
      'suggestion (false matches <= 2%)',
      suggest.threshold,
      suggest.recall,
      suggest.falseMatchRate,
    ]),
  );

  const config = loadConfig();
  console.log(
    '\n| link, join threshold | purity | split rate | clusters per rumor (mean of 5 orders) |',
  );
  console.log('|---|---|---|---|');
  const settings: [Link, number][] = [];
  for (const join of [auto.threshold, suggest.threshold, config.MOD_AUTO_THRESHOLD]) {
    settings.push(['single', join], ['average', join]);
  }
  for (const [link, join] of settings) {
    const runs = [1, 2, 3, 4, 5].map((seed) => {
      let n = 0;
      const clusterer = new Clusterer({
        joinThreshold: join,
        maxMembers: 50,
        newId: () => `c${n++}`,
        link,
      });
      const order = shuffled(items, seed);
      const assigned = order.map((it) => clusterer.assign(it.features).clusterId);
      return clusteringQuality(
        order.map((it) => it.label),
        assigned,
      );
    });
    const mean = (k: 'purity' | 'splitRate' | 'clustersPerGroup') =>
      runs.reduce((s, r) => s + r[k], 0) / runs.length;
    console.log(
      row([
        `${link} ${join.toFixed(2)}`,
        mean('purity'),
        mean('splitRate'),
        mean('clustersPerGroup'),
      ]),
    );
  }
}

await clusteringSection();
