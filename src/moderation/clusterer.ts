import {
  claimSimilarity,
  scorePairLazily,
  settlePair,
  type ClaimFeatures,
  type PairSimilarity,
  type ScoredPair,
} from './similarity.js';

/** One cluster as the clusterer sees it: an id and the features of (some of) its claims. */
export interface ClusterMembers {
  id: string;
  members: ClaimFeatures[];
}

/** Single link: the closest member decides; average link: the mean over members (less chaining). */
export type Link = 'single' | 'average';

/**
 * The link trending clusters use: on the paraphrase groups it splits rumors about as little as
 * single link at its join threshold, at a lower purity cost as more rumors compete
 * (bench/moderation.bench.ts).
 */
export const TRENDING_LINK: Link = 'average';

export interface ClusterMatch {
  clusterId: string;
  similarity: PairSimilarity;
}

/**
 * The cluster whose closest member is most similar to the claim (single link over a bounded
 * member list), or undefined when there are no clusters. Single link follows how rumors mutate:
 * each forward resembles the previous one more than the first. With average link and a `floor`,
 * clusters whose mean cannot reach the floor are left out.
 */
export function bestCluster(
  features: ClaimFeatures,
  clusters: Iterable<ClusterMembers>,
  link: Link = 'single',
  floor?: number,
): ClusterMatch | undefined {
  let best: ClusterMatch | undefined;
  for (const cluster of clusters) {
    const scored =
      link === 'average' && floor !== undefined
        ? averageReaching(features, cluster.members, floor)
        : cluster.members.map((m) => claimSimilarity(features, m));
    if (!scored?.length) continue;
    let closest = scored[0]!;
    let total = 0;
    for (const s of scored) {
      total += s.score;
      if (s.score > closest.score) closest = s;
    }
    const score = link === 'single' ? closest.score : total / scored.length;
    if (!best || score > best.similarity.score) {
      best = { clusterId: cluster.id, similarity: { ...closest, score } };
    }
  }
  return best;
}

/**
 * Each member's similarity to the claim, or undefined when their mean cannot reach the floor.
 * Pairs are first scored without their figures (an upper bound where there are any), and the
 * cluster is out as soon as those bounds, with 1 for the members not yet scored, fall short;
 * most clusters are out after a few members. The figures are read only while the mean of the
 * bounds, corrected member by member, still reaches the floor.
 */
function averageReaching(
  features: ClaimFeatures,
  members: readonly ClaimFeatures[],
  floor: number,
): PairSimilarity[] | undefined {
  const n = members.length;
  const needed = floor * n;
  const pairs: ScoredPair[] = [];
  let total = 0;
  for (let k = 0; k < n; k++) {
    const pair = scorePairLazily(features, members[k]!);
    pairs.push(pair);
    total += pair.similarity.score;
    // Even if the members left scored 1, the mean would fall short.
    if (total + (n - k - 1) < needed) return undefined;
  }
  const out: PairSimilarity[] = [];
  for (let k = 0; k < pairs.length; k++) {
    const { similarity, pending } = pairs[k]!;
    if (!pending) {
      out.push(similarity);
      continue;
    }
    const exact = settlePair(features, members[k]!, pending);
    total += exact.score - similarity.score;
    if (total < needed) return undefined;
    out.push(exact);
  }
  return out;
}

export interface ClustererOptions {
  /** Combined similarity at or above which a claim joins an existing cluster. */
  joinThreshold: number;
  /** Members kept per cluster for matching; the oldest beyond it are forgotten (bounds work). */
  maxMembers: number;
  /** Makes the id of a new cluster. */
  newId: () => string;
  link?: Link;
  /**
   * Merge clusters that drift together: when a claim joins a cluster that is then at or above
   * the join threshold to another (average link between the two), the two become one.
   * `canMerge` may refuse a pair (e.g. both carry a reviewed answer).
   */
  merge?: { canMerge: (kept: string, absorbed: string) => boolean };
}

export interface Assignment extends ClusterMatch {
  isNew: boolean;
  /**
   * Clusters merged into `clusterId` after the claim joined, oldest first. When the claim joined
   * a younger cluster than one it merged with, `clusterId` is the older one (ids stay stable).
   */
  merged: { kept: string; absorbed: string; score: number }[];
}

/** Mean pair score between the members of two clusters (average link). */
export function clusterLink(a: readonly ClaimFeatures[], b: readonly ClaimFeatures[]): number {
  let total = 0;
  for (const x of a) for (const y of b) total += claimSimilarity(x, y).score;
  return total / Math.max(1, a.length * b.length);
}

/** Incremental clustering: each claim joins its best cluster above the threshold or starts one. */
export class Clusterer {
  private readonly clusters = new Map<string, ClusterMembers>();

  constructor(private readonly options: ClustererOptions) {}

  /** Restores a cluster (from storage) without re-deciding membership. */
  load(cluster: ClusterMembers): void {
    this.clusters.set(cluster.id, {
      id: cluster.id,
      members: cluster.members.slice(-this.options.maxMembers),
    });
  }

  /** The best existing cluster for the features, without assigning them. */
  match(features: ClaimFeatures): ClusterMatch | undefined {
    return bestCluster(features, this.clusters.values(), this.options.link);
  }

  assign(features: ClaimFeatures): Assignment {
    const scores = this.scores(features);
    const best = scores[0];
    if (best && best.similarity.score >= this.options.joinThreshold) {
      const cluster = this.clusters.get(best.clusterId)!;
      cluster.members.push(features);
      if (cluster.members.length > this.options.maxMembers) cluster.members.shift();
      const merged = this.mergeAround(best.clusterId, scores.slice(1));
      const clusterId = merged.at(-1)?.kept ?? best.clusterId;
      return { clusterId, similarity: best.similarity, isNew: false, merged };
    }
    const id = this.options.newId();
    this.clusters.set(id, { id, members: [features] });
    const self = claimSimilarity(features, features);
    return { clusterId: id, similarity: self, isNew: true, merged: [] };
  }

  /**
   * The clusters the features could join (at or above the join threshold), best first. Only
   * those matter to an assignment: the best one joined, the others merged.
   */
  private scores(features: ClaimFeatures): ClusterMatch[] {
    const all: ClusterMatch[] = [];
    const floor = this.options.joinThreshold;
    for (const cluster of this.clusters.values()) {
      const match = bestCluster(features, [cluster], this.options.link, floor);
      if (match) all.push(match);
    }
    return all.sort((x, y) => y.similarity.score - x.similarity.score);
  }

  /**
   * Merges the grown cluster with each runner-up now within the join threshold of it. Before the
   * claim joined, no two clusters were (merging keeps it so), and the claim moves the average link
   * of its cluster to another only if the claim itself is within the threshold of that one: the
   * runners-up above the threshold are the only candidates, so the check costs nothing more for
   * the rest. The cluster made first (the Map keeps creation order) keeps its id.
   */
  private mergeAround(grownId: string, runnersUp: readonly ClusterMatch[]): Assignment['merged'] {
    const merged: Assignment['merged'] = [];
    const policy = this.options.merge;
    if (!policy) return merged;
    let current = grownId;
    for (const candidate of runnersUp) {
      if (candidate.similarity.score < this.options.joinThreshold) break;
      const a = this.clusters.get(current)!;
      const b = this.clusters.get(candidate.clusterId)!;
      const score = clusterLink(a.members, b.members);
      if (score < this.options.joinThreshold) continue;
      const ids = [...this.clusters.keys()];
      const [kept, absorbed] = ids.indexOf(a.id) < ids.indexOf(b.id) ? [a, b] : [b, a];
      if (!policy.canMerge(kept.id, absorbed.id)) continue;
      kept.members.push(...absorbed.members);
      kept.members.splice(0, Math.max(0, kept.members.length - this.options.maxMembers));
      this.clusters.delete(absorbed.id);
      merged.push({ kept: kept.id, absorbed: absorbed.id, score });
      current = kept.id;
    }
    return merged;
  }

  /**
   * Stops matching against these clusters (dormant ones: their ids stay valid in storage). Keeps
   * memory and matching work bounded by what is still trending in a long-running server.
   */
  forget(ids: Iterable<string>): void {
    for (const id of ids) this.clusters.delete(id);
  }

  /** Members of one cluster (for matching curated answers against it). */
  get(id: string): ClusterMembers | undefined {
    return this.clusters.get(id);
  }
}
