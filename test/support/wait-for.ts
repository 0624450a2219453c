type Probed<T> = T | undefined | false;

/**
 * Polls `probe` every 20 ms until it gives (or resolves with) a value (not undefined, not false)
 * and resolves with it; fails after `timeoutMs`, naming `what` it waited for.
 */
export async function waitFor<T>(
  probe: () => Probed<T> | PromiseLike<Probed<T>>,
  timeoutMs = 10_000,
  what = 'the condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
