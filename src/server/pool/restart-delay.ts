/** Deaths within this window count toward the next replacement's delay. */
export const RESTART_WINDOW_MS = 60_000;
/** The longest wait before starting a replacement. */
const MAX_DELAY_MS = 30_000;

/**
 * How long to wait before replacing a check worker, given how many died (or failed to start)
 * in the last RESTART_WINDOW_MS, this one included: the first is replaced at once, and each
 * further one doubles the wait from a second, so that a crash loop (a damaged index, a claim
 * that kills its worker) does not keep both cores busy loading workers.
 */
export function restartDelayMs(recentDeaths: number): number {
  if (recentDeaths <= 1) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** (recentDeaths - 2));
}
