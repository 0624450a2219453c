import type { ClusterMatch } from './clusterer.js';

/** What to do with a new claim given its best cluster match and the curated clusters. */
export type CuratedDecision =
  | { kind: 'curated'; clusterId: string; score: number }
  | { kind: 'suggest'; clusterId: string; score: number }
  | { kind: 'none' };

export interface CuratedThresholds {
  auto: number;
  suggest: number;
}

/**
 * Above the automatic threshold the curated answer replaces the machine's; between suggestion and
 * automatic the machine answers and points to the reviewed one; below, nothing.
 */
export function decideCurated(
  match: ClusterMatch | undefined,
  thresholds: CuratedThresholds,
): CuratedDecision {
  if (!match) return { kind: 'none' };
  const score = match.similarity.score;
  if (score >= thresholds.auto) return { kind: 'curated', clusterId: match.clusterId, score };
  if (score >= thresholds.suggest) return { kind: 'suggest', clusterId: match.clusterId, score };
  return { kind: 'none' };
}
