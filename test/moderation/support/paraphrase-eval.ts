/**
 * Evaluation helpers of the clustering benchmark (pure): a deterministic split of the paraphrase
 * groups into a fitting and a held-out half, pair similarity distributions, and clustering runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../../src/config/config.js';
import {
  clusteringQuality,
  quantile,
  type ClusteringQuality,
} from '../../../src/moderation/cluster-quality.js';
import { Clusterer, type Link } from '../../../src/moderation/clusterer.js';
import { claimSimilarity, type ClaimFeatures } from '../../../src/moderation/similarity.js';
import { isMostlyCjk } from '../../../src/moderation/text-grams.js';
import { seededRandom } from '../../support/seeded-random.js';

/** One rumor of test/fixtures/moderation/paraphrase-groups.json and its hand-written forwards. */
export interface ParaphraseGroup {
  id: string;
  texts: string[];
}

export function loadParaphraseGroups(): ParaphraseGroup[] {
  const fixture = path.join(PROJECT_ROOT, 'test/fixtures/moderation/paraphrase-groups.json');
  return (JSON.parse(fs.readFileSync(fixture, 'utf8')) as { groups: ParaphraseGroup[] }).groups;
}

/** Share of values at or above the threshold. */
export const shareAbove = (values: readonly number[], t: number): number =>
  values.filter((v) => v >= t).length / Math.max(1, values.length);

export interface Forward {
  label: string;
  text: string;
  features: ClaimFeatures;
}

/**
 * Rumors in sorted id order, alternately to the fitting and the held-out half: thresholds and
 * weights are chosen on the first and checked on the second (rumors about one article fall in
 * both halves, so both keep hard negatives).
 */
export function splitByRumor(items: readonly Forward[]): { fit: Forward[]; held: Forward[] } {
  const ids = [...new Set(items.map((i) => i.label))].sort();
  const fitIds = new Set(ids.filter((_, k) => k % 2 === 0));
  return {
    fit: items.filter((i) => fitIds.has(i.label)),
    held: items.filter((i) => !fitIds.has(i.label)),
  };
}

/** Chinese and English forwards of one rumor (the pairs cross-language matching is about). */
export const isCrossScript = (a: Forward, b: Forward): boolean =>
  isMostlyCjk(a.text) !== isMostlyCjk(b.text);

export interface PairScores {
  same: number[];
  different: number[];
  /** Same-rumor pairs of a Chinese and an English forward. */
  crossSame: number[];
  /** Different-rumor pairs of a Chinese and an English forward. */
  crossDifferent: number[];
}

/** Combined similarity of every pair of forwards, by kind of pair. */
export function pairScores(items: readonly Forward[]): PairScores {
  const out: PairScores = { same: [], different: [], crossSame: [], crossDifferent: [] };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const score = claimSimilarity(items[i].features, items[j].features).score;
      const isSame = items[i].label === items[j].label;
      (isSame ? out.same : out.different).push(score);
      if (isCrossScript(items[i], items[j])) {
        (isSame ? out.crossSame : out.crossDifferent).push(score);
      }
    }
  }
  return out;
}

/** p05 … p99 and max of the values. */
export const spread = (values: readonly number[]): number[] => [
  ...[0.05, 0.25, 0.5, 0.75, 0.95, 0.99].map((p) => quantile(values, p)),
  Math.max(...values),
];

/** Deterministic shuffle (mulberry32) so runs are comparable. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface RunQuality extends ClusteringQuality {
  /** Share of same-rumor Chinese/English pairs that ended up in one cluster. */
  crossJoinRate: number;
}

/**
 * Clusters the forwards in one order (as they would arrive) and measures the result; with
 * `merge`, clusters that drift together merge as in the service (labels follow the merges).
 */
export function clusterRun(
  items: readonly Forward[],
  joinThreshold: number,
  link: Link,
  merge = false,
): RunQuality {
  let n = 0;
  const clusterer = new Clusterer({
    joinThreshold,
    maxMembers: 50,
    newId: () => `c${n++}`,
    link,
    ...(merge ? { merge: { canMerge: () => true } } : {}),
  });
  const assigned: string[] = [];
  for (const it of items) {
    const assignment = clusterer.assign(it.features);
    for (const { kept, absorbed } of assignment.merged) {
      assigned.forEach((id, k) => (assigned[k] = id === absorbed ? kept : id));
    }
    assigned.push(assignment.clusterId);
  }
  let cross = 0;
  let joined = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (items[i].label !== items[j].label || !isCrossScript(items[i], items[j])) continue;
      cross++;
      if (assigned[i] === assigned[j]) joined++;
    }
  }
  return {
    ...clusteringQuality(
      items.map((it) => it.label),
      assigned,
    ),
    crossJoinRate: cross === 0 ? 1 : joined / cross,
  };
}

/** Mean quality over `orders` deterministic arrival orders. */
export function meanClusterRuns(
  items: readonly Forward[],
  joinThreshold: number,
  link: Link,
  merge = false,
  orders = 5,
): RunQuality {
  const runs = Array.from({ length: orders }, (_, k) =>
    clusterRun(shuffled(items, k + 1), joinThreshold, link, merge),
  );
  const mean = (key: keyof RunQuality) => runs.reduce((s, r) => s + r[key], 0) / runs.length;
  return {
    purity: mean('purity'),
    splitRate: mean('splitRate'),
    clustersPerGroup: mean('clustersPerGroup'),
    crossJoinRate: mean('crossJoinRate'),
  };
}
