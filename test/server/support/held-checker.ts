import type { Checker } from '../../../src/verdict/checker-types.js';
import { waitFor } from '../../support/wait-for.js';

/**
 * The real checker with a hand brake: while held, each check records its claim and waits for
 * `release()` before the real check runs. Tests use it to fill the queue in a known order.
 */
export interface HeldChecker {
  checker: Checker;
  /** Claims in the order their checks started. */
  started: string[];
  hold(): void;
  release(): void;
  /** Resolves once `n` checks have started. */
  whenStarted(n: number): Promise<void>;
}

export function heldChecker(inner: Checker): HeldChecker {
  const started: string[] = [];
  let brake: Promise<void> | undefined;
  let loosen = () => undefined as void;
  const held: HeldChecker = {
    started,
    checker: {
      ...inner,
      passages: inner.passages,
      indexVersion: inner.indexVersion,
      async check(claim, options) {
        started.push(claim);
        await brake;
        return inner.check(claim, options);
      },
      // The real checker is the caller's; the server's gate must not close it.
      close: async () => undefined,
    },
    hold() {
      brake = new Promise((resolve) => (loosen = resolve));
    },
    release() {
      brake = undefined;
      loosen();
    },
    whenStarted: (n) =>
      waitFor(() => started.length >= n, 60_000, `${n} checks started`).then(() => undefined),
  };
  return held;
}
