/**
 * Measures of clustering against known groups (tests and the benchmark use them; pure).
 * `labels[i]` is the true group of item i, `assigned[i]` the cluster it was put in.
 */
export interface ClusteringQuality {
  /** Share of items that sit in a cluster whose majority group is their own. */
  purity: number;
  /** Share of groups whose items ended up in more than one cluster. */
  splitRate: number;
  /** Clusters made per group (1 = perfect, higher = rumors split). */
  clustersPerGroup: number;
}

export function clusteringQuality(
  labels: readonly string[],
  assigned: readonly string[],
): ClusteringQuality {
  const byCluster = new Map<string, Map<string, number>>();
  const byGroup = new Map<string, Set<string>>();
  labels.forEach((label, i) => {
    const cluster = assigned[i];
    const counts = byCluster.get(cluster) ?? new Map<string, number>();
    counts.set(label, (counts.get(label) ?? 0) + 1);
    byCluster.set(cluster, counts);
    const clusters = byGroup.get(label) ?? new Set<string>();
    clusters.add(cluster);
    byGroup.set(label, clusters);
  });
  let majority = 0;
  for (const counts of byCluster.values()) majority += Math.max(...counts.values());
  const groups = [...byGroup.values()];
  return {
    purity: labels.length === 0 ? 1 : majority / labels.length,
    splitRate: groups.filter((c) => c.size > 1).length / Math.max(1, groups.length),
    clustersPerGroup: groups.reduce((s, c) => s + c.size, 0) / Math.max(1, groups.length),
  };
}

/** The q-quantile (0..1) of the values, by linear interpolation; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export interface ThresholdChoice {
  threshold: number;
  /** Share of same-rumor pairs at or above the threshold. */
  recall: number;
  /** Share of different-rumor pairs at or above it. */
  falseMatchRate: number;
}

/**
 * The lowest threshold (on a 0.01 grid) whose false-match rate over different-rumor pairs is at
 * most `maxFalseMatchRate`: the automatic threshold uses a strict rate, the suggestion a looser one.
 */
export function chooseThreshold(
  same: readonly number[],
  different: readonly number[],
  maxFalseMatchRate: number,
): ThresholdChoice {
  const rate = (values: readonly number[], t: number) =>
    values.filter((v) => v >= t).length / Math.max(1, values.length);
  for (let i = 0; i <= 100; i++) {
    const threshold = i / 100;
    const falseMatchRate = rate(different, threshold);
    if (falseMatchRate <= maxFalseMatchRate) {
      return { threshold, recall: rate(same, threshold), falseMatchRate };
    }
  }
  return { threshold: 1, recall: rate(same, 1), falseMatchRate: rate(different, 1) };
}
