import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ImageRead } from '../ocr/index.js';
import type { AddressedVote } from '../store/chat-answers.js';
import type { FeedbackCounts, Repositories, Store, StoredAnswer } from '../store/store.js';
import type { CheckResult, Origin } from '../types.js';
import { imageClaimText, withReading } from '../verdict/check-image.js';
import {
  traceOf,
  type CheckStage,
  type CheckTrace,
  type Checker,
  type TracedCheckResult,
} from '../verdict/checker-types.js';
import type { CheckerGate } from './checker-gate.js';
import { validateClaimText } from './claim-input.js';
import type { Metrics } from './metrics.js';
import { AdmissionQueue } from './pool/admission-queue.js';
import { claimKey, QueryCache, type CachedCheck } from './pool/query-cache.js';

export interface AnswerRequest {
  claim: string;
  /** What was read off a screenshot: the claim is that reading (or typed beside it); results carry `ocr`. */
  read?: ImageRead;
  origin: Origin;
  clientHash?: string | null;
  onProgress?: (stage: CheckStage) => void;
}

/**
 * Proof that a claim passed the checks at the edge (not shutting down, valid text, index
 * loaded): answering it with this proof does not check again.
 */
export interface Admission {
  readonly claim: string;
}

/** A feedback vote on an answer, with the answer's counts after it. */
export interface AnswerVote {
  answerId: string;
  helpful: boolean;
  reason: string | null;
  votes: FeedbackCounts;
}

/**
 * Extension points around every answer, whatever the channel:
 * `screen` may replace the machine's result before it is stored and sent (a reviewed answer);
 * `observe` sees each stored answer (a live feed, clustering); `voted` sees each feedback vote
 * (live vote counts). Observers' errors are logged.
 */
export interface AnswerHooks {
  screen?: (claim: string, result: CheckResult, origin: Origin) => Promise<CheckResult>;
  /**
   * Runs inside the transaction that stores the answer, so what it writes exists exactly when
   * the answer does (moderation's outbox of answers still to cluster): it writes through `tx`,
   * and its error undoes the answer. It only writes rows.
   */
  stored?: (answer: StoredAnswer, origin: Origin, tx: Repositories) => Promise<void>;
  observe?: (answer: StoredAnswer, origin: Origin, trace?: CheckTrace) => void | Promise<void>;
  voted?: (vote: AnswerVote) => void | Promise<void>;
}

export interface AnswerServiceDeps {
  gate: CheckerGate;
  store: Store;
  metrics: Metrics;
  logger: Logger;
  maxClaimLength: number;
  /** A claim expected to wait longer than this for a check is refused with BUSY. */
  maxQueueWaitMs: number;
  /** Bounds of the query cache (0 entries: no cache). */
  cache: { maxEntries: number; maxBytes: number };
  /**
   * Many nodes: tells the others that a review emptied this node's cache, and hands over their
   * notices (a review saved on one node must not be answered around from another's cache).
   */
  peers?: { tell(): void; onTold(listener: () => void): void };
}

/** Options of `admit`. */
export interface AdmitOptions {
  /** False for a follow-up, which expands a stored answer: no index needed, nothing checked. */
  needsIndex?: boolean;
  /** Who asks (a hashed client id), for fair turns in the check queue; see `subjectOf`. */
  subject?: string;
}

/** Checks running at once on a checker: one per worker of a pool, else one (the main thread). */
const concurrencyOf = (checker: Checker): number => {
  const size = (checker as Checker & { size?: unknown }).size;
  return typeof size === 'number' && size > 0 ? size : 1;
};

/** The client a request counts against in the queue: its hashed id, else its chat or bot. */
export function subjectOf(req: Pick<AnswerRequest, 'clientHash' | 'origin'>): string {
  if (req.clientHash) return req.clientHash;
  const { origin } = req;
  switch (origin.kind) {
    case 'telegram':
      return `telegram:${origin.chatId}`;
    case 'webhook':
      return `webhook:${origin.botId}`;
    case 'rest':
      return `rest:${origin.apiKey ?? ''}`;
    case 'widget':
      return `widget:${origin.conversationId}`;
  }
}

/** A cached check as a fresh result for `claim`: a copy, with the trace attached as the checker does. */
function fromCache(claim: string, cached: CachedCheck): TracedCheckResult {
  const result: CheckResult = { ...structuredClone(cached.result), claim };
  return cached.trace
    ? Object.defineProperty(result, 'trace', { value: cached.trace, enumerable: false })
    : result;
}

/**
 * Checks claims, stores the answers and keeps count of those in flight (for shutdown). Every
 * channel's checks pass one fair, bounded queue (AdmissionQueue); repeats of a claim are
 * answered from the query cache without a check.
 */
export function createAnswerService(deps: AnswerServiceDeps) {
  const hooks: AnswerHooks[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let isClosing = false;
  const queue = new AdmissionQueue({
    concurrency: () => (deps.gate.isReady ? concurrencyOf(deps.gate.current()) : 1),
    maxWaitMs: deps.maxQueueWaitMs,
  });
  const cache = new QueryCache(deps.cache);
  deps.peers?.onTold(() => cache.invalidate());
  /** The index version the cache's entries belong to; a reload empties it. */
  let cachedVersion: string | undefined;
  const cacheFor = (checker: Checker): QueryCache => {
    if (checker.indexVersion !== cachedVersion) {
      cache.invalidate();
      cachedVersion = checker.indexVersion;
    }
    return cache;
  };

  /** The check of a claim: from the cache, else from the checker when the queue gives a turn. */
  /** Checks waiting or running, by claim key: a repeat arriving meanwhile shares the first's. */
  const checking = new Map<string, Promise<CachedCheck>>();

  /**
   * The check of a claim: from the cache, else the same claim's check already under way, else
   * the checker's when the queue gives a turn.
   */
  async function checkClaim(
    req: AnswerRequest,
  ): Promise<{ checked: TracedCheckResult; indexVersion: string }> {
    const now = deps.gate.current();
    const key = claimKey(req.claim);
    const cached = cacheFor(now).get(req.claim, now.indexVersion);
    const shared = cached ? undefined : checking.get(key);
    deps.metrics.queryCacheLookups.inc({ result: cached ? 'hit' : shared ? 'shared' : 'miss' });
    const known = cached ?? (await shared);
    if (known) return { checked: fromCache(req.claim, known), indexVersion: known.indexVersion };
    const turn = queue.run(subjectOf(req), async (): Promise<CachedCheck> => {
      deps.metrics.checkQueueWaiting.set(queue.length);
      // The checker current when the turn comes: a reload while waiting answers from the new index.
      const checker = deps.gate.current();
      const checked = await checker.check(req.claim, { onProgress: req.onProgress });
      const trace = traceOf(checked);
      const entry = {
        result: checked,
        ...(trace ? { trace } : {}),
        indexVersion: checker.indexVersion,
      };
      cacheFor(deps.gate.current()).set(req.claim, entry);
      return entry;
    });
    checking.set(key, turn);
    const forget = () => checking.delete(key);
    turn.then(forget, forget);
    deps.metrics.checkQueueWaiting.set(queue.length);
    const entry = await turn;
    return { checked: entry.result, indexVersion: entry.indexVersion };
  }

  async function run(req: AnswerRequest): Promise<StoredAnswer> {
    const started = performance.now();
    // A screenshot's text is checked (and cached) as typed text is; the answer then carries the reading.
    const text = req.read ? imageClaimText(req.read, req.claim) : req.claim;
    const { checked: plain, indexVersion } = await checkClaim({ ...req, claim: text });
    const checked = req.read ? withReading(plain, req.read, req.claim) : plain;
    let result: CheckResult = checked;
    for (const hook of hooks) {
      if (hook.screen) result = await hook.screen(req.claim, result, req.origin);
    }
    const latencyMs = performance.now() - started;
    const stored = await deps.store.transaction(async (tx) => {
      const saved = await tx.answers.save({
        result,
        indexVersion,
        channel: req.origin.kind,
        conversationId: req.origin.kind === 'widget' ? req.origin.conversationId : null,
        clientHash: req.clientHash ?? null,
        latencyMs,
      });
      for (const hook of hooks) await hook.stored?.(saved, req.origin, tx);
      return saved;
    });
    deps.metrics.answerLatency.observe({ channel: req.origin.kind }, latencyMs / 1000);
    deps.metrics.verdicts.inc({ verdict: result.verdict, channel: req.origin.kind });
    for (const hook of hooks) {
      if (hook.observe)
        detach(() => hook.observe?.(stored, req.origin, traceOf(checked)), stored.answerId);
    }
    return stored;
  }

  /**
   * The one admission check of a claim: refuses while shutting down, then invalid text, then
   * (unless `needsIndex` is false: a follow-up expands a stored answer) while the index loads,
   * then with BUSY when the claim would wait too long for a check (a claim cached, or being
   * checked already, waits for none).
   */
  function admit(claim: string, { needsIndex = true, subject = '' }: AdmitOptions = {}): Admission {
    if (isClosing) throw new AppError('SHUTTING_DOWN');
    validateClaimText(claim, deps.maxClaimLength);
    if (!needsIndex) return { claim };
    // current() throws INDEX_NOT_READY, or the error the index failed to load with.
    const checker = deps.gate.current();
    const isKnown =
      cacheFor(checker).has(claim, checker.indexVersion) || checking.has(claimKey(claim));
    if (!isKnown) queue.admit(subject);
    return { claim };
  }

  /** Runs an observer off the caller's path: its failure is logged, never passed on. */
  function detach(work: () => void | Promise<void>, answerId: string): void {
    Promise.resolve()
      .then(work)
      .catch((err: unknown) => deps.logger.error({ err, answerId }, 'answer observer failed'));
  }

  return {
    admit,
    /** Checks (unless admitted already), screens and stores one claim. */
    answer(req: AnswerRequest, admission?: Admission): Promise<StoredAnswer> {
      try {
        if (admission?.claim !== req.claim) admit(req.claim, { subject: subjectOf(req) });
      } catch (err) {
        return Promise.reject(err);
      }
      return track(run(req));
    },
    /**
     * Records a feedback vote (voting again replaces the client's vote) unless the address has
     * its cap of voters on the answer already; returns the new counts, or undefined when capped.
     */
    async vote(input: AddressedVote): Promise<FeedbackCounts | undefined> {
      if (!(await deps.store.answers.voteFromAddress(input))) return undefined;
      const { answerId, helpful, reason } = input;
      const vote: AnswerVote = {
        answerId,
        helpful,
        reason,
        votes: await deps.store.answers.votes(answerId),
      };
      for (const hook of hooks) {
        if (hook.voted) detach(() => hook.voted?.(vote), answerId);
      }
      return vote.votes;
    },
    /** Tracks other work that shutdown must wait for (e.g. a follow-up being expanded). */
    track,
    /** Adds hooks run around every answer, in the order added. */
    use(hook: AnswerHooks): void {
      hooks.push(hook);
    },
    /** Forgets every cached check (a moderator's review; index changes empty it by themselves). */
    invalidateCache(): void {
      cache.invalidate();
      deps.peers?.tell();
    },
    /** The check queue and the query cache, for metrics and the benchmark. */
    queue,
    cache,
    get inFlight(): number {
      return inFlight.size;
    },
    get isClosing(): boolean {
      return isClosing;
    },
    /** Refuses new claims and waits (at most `timeoutMs`) for those in flight; true when all finished. */
    async drain(timeoutMs: number): Promise<boolean> {
      isClosing = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const finished = Promise.allSettled([...inFlight]).then(() => true as const);
      const done = await Promise.race([finished, timeout]);
      clearTimeout(timer);
      return done;
    },
  };

  function track<T>(work: Promise<T>): Promise<T> {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }
}

export type AnswerService = ReturnType<typeof createAnswerService>;
