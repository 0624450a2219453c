/**
 * Runs `run` at most once per `ms`: a call within `ms` of the last run is folded into one run
 * when the interval ends, so the last change is always shown. The console refetches clusters on
 * every incoming claim; during a viral burst that would be a full listing per claim.
 */
export function throttle(run: () => void, ms: number): () => void {
  let last = -Infinity;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    pending = undefined;
    last = Date.now();
    run();
  };
  return () => {
    if (pending) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) fire();
    else pending = setTimeout(fire, wait);
  };
}
