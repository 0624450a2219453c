import { claimSimilarity, type ClaimFeatures, type PairSimilarity } from './similarity.js';

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
 * each forward resembles the previous one more than the first.
 */
export function bestCluster(
  features: ClaimFeatures,
  clusters: Iterable<ClusterMembers>,
  link: Link = 'single',
): ClusterMatch | undefined {
  let best: ClusterMatch | undefined;
  for (const cluster of clusters) {
    let closest: PairSimilarity | undefined;
    let total = 0;
    for (const member of cluster.members) {
      const similarity = claimSimilarity(features, member);
      total += similarity.score;
      if (!closest || similarity.score > closest.score) closest = similarity;
    }
    if (!closest) continue;
    const score = link === 'single' ? closest.score : total / cluster.members.length;
    if (!best || score > best.similarity.score) {
      best = { clusterId: cluster.id, similarity: { ...closest, score } };
    }
  }
  return best;
}

export interface ClustererOptions {
  /** Combined similarity at or above which a claim joins an existing cluster. */
  joinThreshold: number;
  /** Members kept per cluster for matching; the oldest beyond it are forgotten (bounds work). */
  maxMembers: number;
  /** Makes the id of a new cluster. */
  newId: () => string;
  link?: Link;
}

export interface Assignment extends ClusterMatch {
  isNew: boolean;
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
    const best = this.match(features);
    if (best && best.similarity.score >= this.options.joinThreshold) {
      const cluster = this.clusters.get(best.clusterId)!;
      cluster.members.push(features);
      if (cluster.members.length > this.options.maxMembers) cluster.members.shift();
      return { ...best, isNew: false };
    }
    const id = this.options.newId();
    this.clusters.set(id, { id, members: [features] });
    const self = claimSimilarity(features, features);
    return { clusterId: id, similarity: self, isNew: true };
  }

  /** Members of one cluster (for matching curated answers against it). */
  get(id: string): ClusterMembers | undefined {
    return this.clusters.get(id);
  }
}
