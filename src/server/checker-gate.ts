import { AppError } from '../errors.js';
import type { Checker } from '../verdict/checker-types.js';

/**
 * The checker as the server sees it while the index loads: the app serves (healthz, the widget)
 * at once and answers claims from the moment the checker is ready.
 */
export interface CheckerGate {
  readonly isReady: boolean;
  /** The loaded checker; throws INDEX_NOT_READY before that. */
  current(): Checker;
  /** Resolves when loaded; rejects when loading failed. */
  whenReady(): Promise<Checker>;
}

export function createCheckerGate(source: Checker | Promise<Checker>): CheckerGate {
  let checker: Checker | undefined;
  let failure: unknown;
  const ready = Promise.resolve(source).then(
    (loaded) => (checker = loaded),
    (err: unknown) => {
      failure = err;
      throw err;
    },
  );
  // The failure is reported by whoever awaits whenReady(); avoid an unhandled rejection here.
  ready.catch(() => undefined);
  return {
    get isReady() {
      return checker !== undefined;
    },
    current() {
      if (checker) return checker;
      if (failure instanceof AppError) throw failure;
      throw new AppError('INDEX_NOT_READY');
    },
    whenReady: () => ready,
  };
}
