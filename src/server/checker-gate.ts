import { AppError } from '../errors.js';
import type { Checker } from '../verdict/checker-types.js';
import { CHECK_CALLS, type CheckCall } from '../verdict/worker/check-protocol.js';

/**
 * The checker as the server sees it: the app serves (healthz, the widget) while the index loads
 * and answers claims from the moment the checker is ready. After an index write (an admin's
 * upload) `reload()` swaps in a checker over the new index without a restart.
 */
export interface CheckerGate {
  readonly isReady: boolean;
  /** The checker answering now; throws INDEX_NOT_READY before the first one has loaded. */
  current(): Checker;
  /** Resolves when the first checker is loaded; rejects when loading failed. */
  whenReady(): Promise<Checker>;
  /** Whether `reload()` can load a new checker (the gate was given a loader). */
  readonly canReload: boolean;
  /**
   * Loads a checker over the index as it is on disk now and makes it current; the previous one
   * closes once the calls it is serving have finished. Reloads run one at a time. When loading
   * fails the previous checker stays current and the error is thrown.
   */
  reload(): Promise<Checker>;
  /** Closes the current checker and waits for retired ones; a checker still loading is left. */
  close(): Promise<void>;
}

export interface CheckerGateOptions {
  /** Loads a fresh checker over the current index (enables `reload()`). */
  reload?: () => Promise<Checker>;
}

/** A checker whose calls are counted, so it is closed only when none is running. */
interface Tracked {
  checker: Checker;
  /** Resolves once no call is running; calls made after retirement go to the gate's newest. */
  retire(): Promise<void>;
}

function track(inner: Checker, newest: () => Checker): Tracked {
  let running = 0;
  let retired = false;
  let onIdle: (() => void) | undefined;
  const wrap =
    <A extends unknown[], R>(call: (target: Checker) => (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      // A caller holding this checker past its retirement is served by the newest one.
      if (retired && running === 0) return call(newest())(...args);
      running++;
      try {
        return await call(inner)(...args);
      } finally {
        running--;
        if (running === 0) onIdle?.();
      }
    };
  // Descriptors, not a spread: a spread freezes getters at their value now, and a pool that
  // serves from its first worker reports more workers (its `size`) as the others join.
  const checker = Object.defineProperties({}, Object.getOwnPropertyDescriptors(inner)) as Checker;
  checker.close = () => inner.close();
  for (const name of CHECK_CALLS) {
    // Each method keeps its own signature; the cast only tells TypeScript the names line up.
    (checker as unknown as Record<CheckCall, unknown>)[name] = wrap(
      (target) => target[name].bind(target) as (...args: unknown[]) => Promise<unknown>,
    );
  }
  return {
    checker,
    retire() {
      retired = true;
      if (running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => (onIdle = resolve));
    },
  };
}

export function createCheckerGate(
  source: Checker | Promise<Checker>,
  options: CheckerGateOptions = {},
): CheckerGate {
  let active: Tracked | undefined;
  let failure: unknown;
  const retiring = new Set<Promise<void>>();
  const newest = (): Checker => {
    if (!active) throw new AppError('INDEX_NOT_READY');
    return active.checker;
  };
  const ready = Promise.resolve(source).then(
    (loaded) => (active = track(loaded, newest)).checker,
    (err: unknown) => {
      failure = err;
      throw err;
    },
  );
  // The failure is reported by whoever awaits whenReady(); avoid an unhandled rejection here.
  ready.catch(() => undefined);
  let reloads: Promise<unknown> = Promise.resolve();

  function retire(old: Tracked): void {
    const done = old
      .retire()
      .then(() => old.checker.close())
      .catch(() => undefined)
      .finally(() => retiring.delete(done));
    retiring.add(done);
  }

  return {
    get isReady() {
      return active !== undefined;
    },
    current() {
      if (active) return active.checker;
      if (failure instanceof AppError) throw failure;
      throw new AppError('INDEX_NOT_READY');
    },
    whenReady: () => ready,
    get canReload() {
      return options.reload !== undefined;
    },
    reload() {
      const load = options.reload;
      if (!load)
        return Promise.reject(
          new AppError('INDEX_NOT_READY', 'This server cannot reload its index.'),
        );
      const next = reloads.then(async () => {
        await ready;
        const fresh = track(await load(), newest);
        const old = active;
        active = fresh;
        if (old) retire(old);
        return fresh.checker;
      });
      reloads = next.catch(() => undefined);
      return next;
    },
    async close() {
      await reloads;
      if (active) retire(active);
      active = undefined;
      await Promise.all(retiring);
    },
  };
}
