import { askCounts, compareActivity, compareGrowth, growth, sparkline } from './ask-counts.js';
import type { ClusterActivity, ListedClaim } from '../store/moderation-clusters.js';
import type { CuratedAnswer } from '../store/moderation-curated.js';
import type { CheckResult } from '../types.js';
import type { ClusterSummary, FeedClaim } from './events.js';

/** What the feed shows of a claim's answer: its citations, and what a screenshot read. */
export type FeedResult = Pick<CheckResult, 'citations'> & { ocr?: { text: string } };

/** A stored claim as the feed shows it; citations come from the answer when known. */
export function feedClaim(
  claim: ListedClaim,
  result?: FeedResult,
  reviewed?: FeedClaim['reviewed'],
): FeedClaim {
  return {
    id: claim.id,
    clusterId: claim.clusterId,
    answerId: claim.answerId,
    text: claim.text,
    channel: claim.channel,
    askedAt: claim.askedAt,
    verdict: claim.verdict,
    confidence: claim.confidence,
    citations: (result?.citations ?? []).map(({ n, title, source, quote, stance }) => ({
      n,
      title,
      source,
      quote,
      stance,
    })),
    ...(reviewed ? { reviewed } : {}),
    ...(result?.ocr ? { read: result.ocr.text } : {}),
  };
}

export type ClusterOrder = 'active' | 'growth';

/** Claims a cluster summary lists, the most recent; its `count` still counts them all. */
export const LISTED_CLAIMS = 50;

export interface SummaryOptions {
  order?: ClusterOrder;
  /** At most this many clusters, the first in order. */
  limit?: number;
}

function rank(
  clusters: readonly ClusterActivity[],
  now: number,
  { order = 'active', limit = Infinity }: SummaryOptions,
) {
  return clusters
    .map(({ cluster, times }) => {
      const counts = askCounts(times, now);
      return { cluster, times, counts, lastAskedAt: cluster.lastAskedAt };
    })
    .sort(order === 'growth' ? compareGrowth : compareActivity)
    .slice(0, limit);
}

/** The ids of the clusters `summariseClusters` lists, in its order (whose claims to read). */
export const rankedClusterIds = (
  clusters: readonly ClusterActivity[],
  now: number,
  options: SummaryOptions = {},
): string[] => rank(clusters, now, options).map((r) => r.cluster.id);

/**
 * Summaries of the clusters, most active (or fastest growing) first. Counts come from every ask
 * time; `claimsOf` gives the claims a summary lists (only the ranked clusters' are read).
 */
export function summariseClusters(
  clusters: readonly ClusterActivity[],
  claimsOf: (clusterId: string) => readonly ListedClaim[],
  curated: ReadonlyMap<string, CuratedAnswer>,
  now: number,
  options: SummaryOptions = {},
): ClusterSummary[] {
  return rank(clusters, now, options).map(({ cluster, times, counts }): ClusterSummary => {
    const cur = curated.get(cluster.id);
    return {
      id: cluster.id,
      claim: cluster.representative,
      count: times.length,
      claims: claimsOf(cluster.id).map((c) => feedClaim(c)),
      counts,
      sparkline: sparkline(times, now),
      growth: growth(counts),
      lastAskedAt: cluster.lastAskedAt,
      ...(cur
        ? {
            curated: {
              id: cur.id,
              verdict: cur.verdict,
              answer: cur.answer,
              citations: cur.citations,
              reviewer: cur.moderatorName,
              reviewedAt: cur.createdAt,
            },
          }
        : {}),
    };
  });
}
