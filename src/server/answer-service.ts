import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ChatStore, FeedbackCounts, StoredAnswer } from '../store/chat-store.js';
import type { CheckResult, Origin } from '../types.js';
import { traceOf, type CheckStage, type CheckTrace } from '../verdict/checker-types.js';
import type { CheckerGate } from './checker-gate.js';
import { validateClaimText } from './claim-input.js';
import type { Metrics } from './metrics.js';

export interface AnswerRequest {
  claim: string;
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
   * the answer does (moderation's outbox of answers still to cluster). Synchronous, and its
   * error undoes the answer: it only writes rows.
   */
  stored?: (answer: StoredAnswer, origin: Origin) => void;
  observe?: (answer: StoredAnswer, origin: Origin, trace?: CheckTrace) => void | Promise<void>;
  voted?: (vote: AnswerVote) => void | Promise<void>;
}

export interface AnswerServiceDeps {
  gate: CheckerGate;
  store: ChatStore;
  metrics: Metrics;
  logger: Logger;
  maxClaimLength: number;
}

/** Checks claims, stores the answers and keeps count of those in flight (for shutdown). */
export function createAnswerService(deps: AnswerServiceDeps) {
  const hooks: AnswerHooks[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let isClosing = false;

  async function run(req: AnswerRequest): Promise<StoredAnswer> {
    const started = performance.now();
    const checker = deps.gate.current();
    const checked = await checker.check(req.claim, { onProgress: req.onProgress });
    let result: CheckResult = checked;
    for (const hook of hooks) {
      if (hook.screen) result = await hook.screen(req.claim, result, req.origin);
    }
    const latencyMs = performance.now() - started;
    const stored = deps.store.db.transaction(() => {
      const saved = deps.store.answers.save({
        result,
        indexVersion: checker.indexVersion,
        channel: req.origin.kind,
        conversationId: req.origin.kind === 'widget' ? req.origin.conversationId : null,
        clientHash: req.clientHash ?? null,
        latencyMs,
      });
      for (const hook of hooks) hook.stored?.(saved, req.origin);
      return saved;
    })();
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
   * (unless `needsIndex` is false: a follow-up expands a stored answer) while the index loads.
   */
  function admit(claim: string, { needsIndex = true } = {}): Admission {
    if (isClosing) throw new AppError('SHUTTING_DOWN');
    validateClaimText(claim, deps.maxClaimLength);
    // current() throws INDEX_NOT_READY, or the error the index failed to load with.
    if (needsIndex) deps.gate.current();
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
        if (admission?.claim !== req.claim) admit(req.claim);
      } catch (err) {
        return Promise.reject(err);
      }
      return track(run(req));
    },
    /** Records a feedback vote (voting again replaces the client's vote); returns the new counts. */
    vote(answerId: string, clientHash: string, helpful: boolean, reason: string | null) {
      deps.store.answers.vote(answerId, clientHash, helpful, reason);
      const vote: AnswerVote = {
        answerId,
        helpful,
        reason,
        votes: deps.store.answers.votes(answerId),
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
