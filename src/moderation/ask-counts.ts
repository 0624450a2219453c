const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export interface AskCounts {
  hour: number;
  day: number;
  week: number;
  total: number;
}

/** How often a cluster was asked in the last hour, day and week before `now` (ms epoch). */
export function askCounts(times: readonly number[], now: number): AskCounts {
  const counts = { hour: 0, day: 0, week: 0, total: times.length };
  for (const t of times) {
    const age = now - t;
    if (age < 0) continue;
    if (age < HOUR) counts.hour++;
    if (age < DAY) counts.day++;
    if (age < WEEK) counts.week++;
  }
  return counts;
}

/** Asks per bucket, oldest first: `buckets` buckets of `bucketMs` ending at `now`. */
export function sparkline(
  times: readonly number[],
  now: number,
  buckets = 24,
  bucketMs = HOUR,
): number[] {
  const line = new Array<number>(buckets).fill(0);
  for (const t of times) {
    const age = now - t;
    if (age < 0 || age >= buckets * bucketMs) continue;
    line[buckets - 1 - Math.floor(age / bucketMs)]++;
  }
  return line;
}

/**
 * Growth: asks in the last hour against the hourly rate of the day before it, smoothed by one
 * ask so that a new cluster with 3 asks outranks an old one with 3 asks spread over a day.
 */
export function growth(counts: AskCounts): number {
  const previousHourly = (counts.day - counts.hour) / 23;
  return (counts.hour + 1) / (previousHourly + 1);
}

export interface ActivityRanked {
  counts: AskCounts;
  lastAskedAt: number;
}

/** Most active first: asks in the last hour, day, week, then the most recent ask. */
export function compareActivity(a: ActivityRanked, b: ActivityRanked): number {
  return (
    b.counts.hour - a.counts.hour ||
    b.counts.day - a.counts.day ||
    b.counts.week - a.counts.week ||
    b.counts.total - a.counts.total ||
    b.lastAskedAt - a.lastAskedAt
  );
}

/** Fastest growing first, then most active. */
export function compareGrowth(a: ActivityRanked, b: ActivityRanked): number {
  return growth(b.counts) - growth(a.counts) || compareActivity(a, b);
}
