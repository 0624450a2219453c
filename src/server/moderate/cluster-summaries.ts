import {
  askCounts,
  compareActivity,
  compareGrowth,
  growth,
  sparkline,
} from '../../moderation/ask-counts.js';
import type {
  ClusterClaim,
  ClusterRecord,
  CuratedAnswer,
} from '../../store/moderation-clusters.js';
import type { CheckResult } from '../../types.js';
import type { ClusterSummary, FeedClaim } from './events.js';

/** A stored claim as the feed shows it; citations come from the answer when known. */
export function feedClaim(
  claim: ClusterClaim,
  result?: Pick<CheckResult, 'citations'>,
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
  };
}

export type ClusterOrder = 'active' | 'growth';

/** Summaries of the clusters, most active (or fastest growing) first. */
export function summariseClusters(
  clusters: readonly ClusterRecord[],
  claims: readonly ClusterClaim[],
  curated: ReadonlyMap<string, CuratedAnswer>,
  now: number,
  order: ClusterOrder = 'active',
): ClusterSummary[] {
  const members = new Map<string, ClusterClaim[]>();
  for (const c of claims) {
    const list = members.get(c.clusterId) ?? [];
    list.push(c);
    members.set(c.clusterId, list);
  }
  const summaries = clusters.map((cluster): ClusterSummary => {
    const list = members.get(cluster.id) ?? [];
    const times = list.map((c) => c.askedAt);
    const counts = askCounts(times, now);
    const cur = curated.get(cluster.id);
    return {
      id: cluster.id,
      claim: cluster.representative,
      count: list.length,
      claims: list.map((c) => feedClaim(c)),
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
  return summaries.sort(order === 'growth' ? compareGrowth : compareActivity);
}
