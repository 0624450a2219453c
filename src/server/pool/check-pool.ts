import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import type { IngestProgress } from '../../index/ingest-knowledge.js';
import type { Logger } from '../../logger.js';
import type { CheckStage, CheckTrace, Checker } from '../../verdict/checker-types.js';
import type {
  CallArgs,
  CallRequest,
  CallValue,
  CheckCall,
  CheckWorkerInit,
} from '../../verdict/worker/check-protocol.js';
import { RESTART_WINDOW_MS, restartDelayMs } from './restart-delay.js';
import { startWorkerSlot, type Slot } from './worker-slot.js';

/** A checker whose calls run on worker threads, each holding its own index and encoder. */
export interface CheckPool extends Checker {
  /** Worker threads answering now, each one check at a time (a replacement counts once loaded). */
  readonly size: number;
  /** Those threads, for the pool's own tests: terminating one is a crash the pool must heal. */
  readonly workers: readonly Worker[];
}

/**
 * A call waiting for its answer; it is sent again, once, if its worker dies under it (a worker
 * stopped for another call's timeout does not count: that call was the cause).
 */
interface Call {
  request: CallRequest;
  resolve(reply: { value: unknown; trace?: CheckTrace }): void;
  reject(err: Error): void;
  onStage?: (stage: CheckStage) => void;
  attempts: number;
  /** Fails the call and replaces its worker when it runs past CHECK_TIMEOUT_MS. */
  timer?: NodeJS.Timeout;
}

/** Stops a call's clock: it was answered, failed, or goes to another worker (which restarts it). */
const stopClock = (call: Call): Call => {
  clearTimeout(call.timer);
  delete call.timer;
  return call;
};

/**
 * Starts `size` check workers over the index on disk: the first one builds the index when it is
 * missing (reporting progress), the others load it once it is there. Calls go to the least busy
 * worker. A worker that dies is replaced by one over the current index; the calls it held are sent
 * again once (a second death fails them with INTERNAL, so a claim that kills workers cannot kill
 * them all); while no worker is alive, calls wait for the replacement. A call still running after
 * `CHECK_TIMEOUT_MS` fails with CHECK_TIMEOUT and its worker is replaced: terminating the thread
 * is the only way to stop synchronous work (a quadratic path on a crafted text), and no timeout
 * inside the worker could fire while that work runs. Closing terminates every worker (the gate
 * closes a pool once its calls are answered).
 *
 * The passage table stays in the workers: copying it to this thread at every reload blocked the
 * event loop for about half a second per 25,000 passages, and the server reads no passage here
 * (sources and search go to the workers). `passages` is therefore empty on a pool.
 */
export async function startCheckPool(
  config: Config,
  logger: Logger,
  options: {
    size: number;
    onProgress?: (progress: IngestProgress) => void;
    /** Load WordNet in every worker before serving (reloads: the old pool serves meanwhile). */
    warm?: boolean;
    /**
     * Serve as soon as the first worker has loaded; the others join as they load (a start, where
     * nothing else serves meanwhile). Otherwise the pool starts with all of them.
     */
    serveFromFirst?: boolean;
  },
): Promise<CheckPool> {
  const onProgress = options.onProgress ?? (() => undefined);
  const warm = options.warm ?? false;
  /** Workers answering calls. */
  const slots: Slot<Call>[] = [];
  /** Workers still loading (replacements), terminated too when the pool closes. */
  const loading = new Set<Worker>();
  /** Calls waiting for a replacement while no worker is alive. */
  const waiting: Call[] = [];
  /** Replacements whose back-off has not run out yet: calls wait for them too. */
  let due = 0;
  /** When workers died or failed to start lately, for the replacements' back-off. */
  let deaths: number[] = [];
  /** Workers already handled as dead (their calls handed back, a replacement started). */
  const retired = new WeakSet<Slot<Call>>();
  /** Set once the first workers are in service: deaths before that fail the start instead. */
  let isServing = false;
  let isClosing = false;
  let nextId = 0;
  let indexVersion = '';

  /** Records a death now and returns how long to wait before the next replacement. */
  const backOff = (): number => {
    const now = Date.now();
    deaths = [...deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    return restartDelayMs(deaths.length);
  };

  const start = (init: CheckWorkerInit) => {
    const started = startWorkerSlot<Call>(init, {
      onProgress,
      onStage: (call, stage) => call.onStage?.(stage),
      onReply: (call, reply) => stopClock(call).resolve(reply),
      onError: (call, err) => stopClock(call).reject(err),
      onDeath: (slot, err) => die(slot, err),
    });
    loading.add(started.worker);
    return started.ready.finally(() => loading.delete(started.worker));
  };

  function dispatch(call: Call): void {
    const alive = slots.filter((s) => s.isAlive);
    if (alive.length === 0) {
      if (loading.size > 0 || due > 0) waiting.push(call);
      else call.reject(new AppError('INTERNAL', 'No check worker is running.'));
      return;
    }
    const slot = alive.reduce((a, b) => (b.calls.size < a.calls.size ? b : a));
    slot.post(call);
    const limitMs = config.CHECK_TIMEOUT_MS;
    if (limitMs > 0) call.timer = setTimeout(() => expire(slot, call, limitMs), limitMs).unref();
  }

  /**
   * A call ran too long: it fails, not sent again (the same input would hold the next worker as
   * long), and its worker is terminated and replaced at once: the calls queued behind it go to
   * the others now, before their own clocks run out behind it.
   */
  function expire(slot: Slot<Call>, call: Call, limitMs: number): void {
    if (slot.takeCall(call.request.id) !== call) return;
    stopClock(call).reject(
      new AppError(
        'CHECK_TIMEOUT',
        `Checking this took longer than the ${limitMs} ms allowed; try a shorter text.`,
      ),
    );
    die(
      slot,
      new Error(`A ${call.request.call} call ran past CHECK_TIMEOUT_MS (${limitMs} ms).`),
      true,
    );
    void slot.worker.terminate();
  }

  /**
   * A worker that stopped on its own, or that a timeout stops: its calls go to the others, and a
   * new one is started. After a crash any of its calls may be the cause, so each is sent again
   * once; after a timeout the cause has failed already, and the calls queued behind it are sent
   * again without using up their attempt (two slow inputs in a row must not fail a third call).
   */
  function die(slot: Slot<Call>, err: Error, causeFailed = false): void {
    // A worker stopped for a timeout was handled then; its exit comes after.
    if (retired.has(slot)) return;
    retired.add(slot);
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    const orphans = slot.takeCalls().map(stopClock);
    if (isClosing || !isServing) {
      for (const call of orphans) call.reject(new AppError('SHUTTING_DOWN'));
      return;
    }
    const delay = backOff();
    logger.error(
      { err, threadId: slot.worker.threadId, calls: orphans.length, restartInMs: delay },
      'check worker stopped; starting a replacement',
    );
    if (delay === 0) replace();
    else {
      due++;
      setTimeout(() => {
        due--;
        replace();
      }, delay).unref();
    }
    for (const call of orphans) {
      if (causeFailed || call.attempts++ === 0) dispatch(call);
      else call.reject(new AppError('INTERNAL', 'A check worker stopped twice on this call.'));
    }
  }

  /** Starts a worker that joins the pool once loaded: a replacement, or one of a start's later ones. */
  function replace(joining = false): void {
    if (isClosing) return;
    const replacing = start({ config, build: 'never', warm: true });
    replacing.then(
      (ready) => {
        if (isClosing) {
          void ready.slot.worker.terminate();
          return;
        }
        if (ready.indexVersion !== indexVersion)
          logger.warn(
            { indexVersion: ready.indexVersion, poolVersion: indexVersion },
            'replacement check worker loaded a newer index; the reload after the ingest swaps the pool',
          );
        slots.push(ready.slot);
        logger.info(
          { threadId: ready.slot.worker.threadId, size: slots.length },
          joining ? 'check worker joined the pool' : 'replacement check worker ready',
        );
        for (const call of waiting.splice(0)) dispatch(call);
      },
      (err: unknown) => {
        logger.error({ err }, 'replacement check worker could not start; trying again');
        // Calls wait only while a worker is on its way; with none alive they fail now.
        for (const call of waiting.splice(0)) dispatch(call);
        setTimeout(replace, Math.max(1000, backOff())).unref();
      },
    );
  }

  const first = await start({ config, build: 'if-needed', warm });
  // Serving from the first worker, the others join as they load; else all start together.
  const rest = options.serveFromFirst
    ? []
    : await Promise.allSettled(
        Array.from({ length: options.size - 1 }, () => start({ config, build: 'never', warm })),
      );
  const started = [first, ...rest.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
  const failure = rest.find((r) => r.status === 'rejected');
  // Another worker may have loaded a newer index than the first (an ingest in between).
  const mixed = started.some((r) => r.indexVersion !== first.indexVersion);
  const died = started.find((r) => !r.slot.isAlive);
  if (failure || mixed || died) {
    isClosing = true;
    await Promise.all(started.map((r) => r.slot.worker.terminate()));
    if (failure) throw failure.reason;
    throw mixed
      ? new AppError('INDEX_NOT_READY', 'The index changed while the check workers loaded it.')
      : new AppError('INTERNAL', 'A check worker stopped while the pool started.');
  }
  slots.push(...started.map((r) => r.slot));
  indexVersion = first.indexVersion;
  isServing = true;
  if (options.serveFromFirst) for (let i = 1; i < options.size; i++) replace(true);

  function send<C extends CheckCall>(
    call: C,
    args: CallArgs<C>,
    onStage?: (stage: CheckStage) => void,
  ): Promise<{ value: CallValue<C>; trace?: CheckTrace }> {
    if (isClosing) return Promise.reject(new AppError('SHUTTING_DOWN'));
    return new Promise((resolve, reject) =>
      dispatch({
        request: { id: nextId++, call, args },
        resolve: resolve as Call['resolve'],
        reject,
        ...(onStage ? { onStage } : {}),
        attempts: 0,
      }),
    );
  }
  const value = <C extends CheckCall>(call: C, ...args: CallArgs<C>): Promise<CallValue<C>> =>
    send(call, args).then((reply) => reply.value);

  const pool: CheckPool = {
    get size() {
      return slots.length;
    },
    get workers() {
      return slots.map((s) => s.worker);
    },
    async check(claim, checkOptions = {}) {
      if (checkOptions.signal?.aborted) throw new AppError('INTERNAL', 'The check was aborted.');
      // Callbacks and signals do not cross threads: progress comes back as messages.
      const { value: result, trace } = await send('check', [claim], checkOptions.onProgress);
      return trace
        ? Object.defineProperty(result, 'trace', { value: trace, enumerable: false })
        : result;
    },
    features: (claim) => value('features', claim),
    pairFeatures: (claim, evidence) => value('pairFeatures', claim, evidence),
    stance: (claim, evidence) => value('stance', claim, evidence),
    search: (text, k) => value('search', text, k),
    embed: (text) => value('embed', text),
    sourceContext: (docId, start, end) => value('sourceContext', docId, start, end),
    passages: [],
    indexVersion,
    async close() {
      isClosing = true;
      for (const call of waiting.splice(0)) call.reject(new AppError('SHUTTING_DOWN'));
      const workers = [...slots.map((s) => s.worker), ...loading];
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
  return pool;
}
