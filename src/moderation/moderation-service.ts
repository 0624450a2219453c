import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FeedbackCounts, StoredAnswer } from '../store/store.js';
import type { Moderator } from '../store/moderation-accounts.js';
import type { AuditRepository } from '../store/moderation-audit.js';
import type {
  ClusterClaim,
  ClusterRepository,
  ListedClaim,
  MatchableCluster,
} from '../store/moderation-clusters.js';
import type { CuratedAnswer, CuratedRepository } from '../store/moderation-curated.js';
import type { PendingCorrectionRepository } from '../store/moderation-pending-corrections.js';
import type { Store } from '../store/store.js';
import type { Channel, CheckResult, Citation, Origin, Verdict } from '../types.js';
import { restoreFeatures, saveFeatures, type FeatureSource } from './claim-features.js';
import { ClusterListing } from './cluster-listing.js';
import type { ClusterOrder, FeedResult } from './cluster-summaries.js';
import {
  bestCluster,
  Clusterer,
  TRENDING_LINK,
  type Assignment,
  type ClusterMembers,
} from './clusterer.js';
import {
  correctionsFor,
  CorrectionDelivery,
  type Correction,
  type CorrectionSink,
} from './corrections.js';
import { decideCurated } from './curated-match.js';
import type { ClusterSummary, FeedClaim, ModerateServerEvents } from './events.js';
import { FeatureCache } from './feature-cache.js';
import { applyReview } from './screening.js';
import type { ClaimFeatures } from './similarity.js';
import { traceOf, type CheckTrace } from '../verdict/checker-types.js';

export interface ModerationDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /** The checker's embed and search; without it clustering is lexical only. */
  features?: FeatureSource;
  /** Base URL of answer pages (e.g. https://host); `/a/<id>` is appended. */
  publicUrl: string;
  /** An answer's feedback votes (the chat store's), shown with each claim in the feed. */
  votes?: (answerId: string) => Promise<FeedbackCounts>;
  /** Whether a screenshot is kept with the answer (KEEP_IMAGES), for the feed's thumbnails. */
  hasImage?: (answerId: string) => Promise<boolean>;
  /** English rendering of a Chinese claim when the check result carries none. */
  translate?: (text: string) => string | undefined;
  /**
   * The checker's check, for `matchesCurated` (a message not yet answered): its citations are a
   * signal of the pair model, and without them the automatic decision is less sure (see there).
   */
  check?: (text: string) => Promise<CheckResult>;
  now?: () => number;
}

/** An answered claim to cluster: the channel it came on, and who to correct later. */
export interface Observation {
  answerId: string | null;
  text: string;
  result: CheckResult;
  channel: Channel;
  asker?: Origin;
  /** The check's trace, when the answer was just checked: its work is reused, not redone. */
  trace?: CheckTrace;
  /** When it was asked; default now (an answer clustered after a restart keeps its own time). */
  askedAt?: number;
}

export interface CuratedInput {
  verdict: Verdict;
  answer: string;
  citations: Citation[];
}

/** How often dormant clusters are dropped from matching while the server runs. */
const FORGET_EVERY_MS = 3_600_000;

type Emit = <E extends keyof ModerateServerEvents>(
  event: E,
  ...args: Parameters<ModerateServerEvents[E]>
) => void;

/** Where the /moderate namespace learns about claims, clusters and audit entries. */
export type ModerationListener = Emit;

/**
 * Watches every answered claim: clusters it, applies curated answers to new claims, and pushes
 * corrections to earlier askers when a moderator reviews a rumor.
 */
export class ModerationService {
  readonly clusters: ClusterRepository;
  readonly curated: CuratedRepository;
  readonly audit: AuditRepository;
  /** Corrections waiting for a widget user who was offline. */
  readonly pendingCorrections: PendingCorrectionRepository<Correction>;
  private readonly listing: ClusterListing;
  private readonly clusterer: Clusterer;
  private readonly features: FeatureCache;
  private readonly delivery: CorrectionDelivery;
  private readonly listeners = new Set<ModerationListener>();
  /** Answers this process queued that `record` has not stored yet: its observer has them. */
  private readonly queuedHere = new Set<string>();
  private readonly now: () => number;
  private forgottenAt = 0;
  /** Resolves once the stored clusters are loaded for matching; record and screen wait for it. */
  readonly loaded: Promise<void>;
  /** Clusters with a reviewed answer, as read before the last assignment (see canMerge). */
  private reviewed: ReadonlySet<string> = new Set();
  /** The newest stored claim the clusterer knows of: later ones are other nodes' (see sync). */
  private seenClaimId = 0;
  /** Claims this process is assigning (a screening sync then waits: see decide). */
  private recording = 0;

  constructor(private readonly deps: ModerationDeps) {
    this.now = deps.now ?? Date.now;
    this.clusters = deps.store.clusters;
    this.curated = deps.store.curated;
    this.audit = deps.store.audit;
    this.delivery = new CorrectionDelivery(deps.logger);
    this.listing = new ClusterListing(this.clusters, this.curated, {
      trendingDays: deps.config.MOD_TRENDING_DAYS,
      now: this.now,
      votes: deps.votes,
      hasImage: deps.hasImage,
    });
    // The store keeps payloads as JSON; this service writes and reads only corrections.
    this.pendingCorrections = deps.store
      .pendingCorrections as PendingCorrectionRepository<Correction>;
    this.features = new FeatureCache({
      logger: deps.logger,
      source: deps.features,
      translate: deps.translate,
    });
    this.clusterer = new Clusterer({
      joinThreshold: deps.config.MOD_CLUSTER_THRESHOLD,
      link: TRENDING_LINK,
      maxMembers: deps.config.MOD_CLUSTER_MEMBERS,
      newId: () => randomUUID(),
      merge: { canMerge: (kept, absorbed) => this.canMerge(kept, absorbed) },
    });
    this.loaded = this.loadClusters();
    this.loaded.catch((err: unknown) =>
      deps.logger.error({ err }, 'stored clusters could not be loaded for matching'),
    );
  }

  private async loadClusters(): Promise<void> {
    // Read first: a claim stored while loading is then read again by the next sync.
    const seen = await this.clusters.lastClaimId();
    const matchable = await this.clusters.matchableClusters(
      this.trendingSince(),
      this.deps.config.MOD_CLUSTER_MEMBERS,
    );
    this.loadMatchable(matchable);
    this.seenClaimId = seen;
  }

  private loadMatchable(clusters: readonly MatchableCluster[]): void {
    for (const { id, members } of clusters) {
      this.clusterer.load({ id, members: members.map((m) => restoreFeatures(m.text, m.features)) });
    }
  }

  /**
   * Brings the clusterer up to what other nodes stored since it last looked (under the
   * assignment lock, so nothing changes meanwhile): the clusters that got claims are reloaded
   * from the table and those they absorbed dropped. Two nodes given the same new rumor at once
   * so open one cluster, not two, and neither loses the other's count.
   */
  private async sync(clusters: ClusterRepository, isLocked: boolean): Promise<void> {
    const changed = await clusters.claimedSince(
      this.seenClaimId,
      this.deps.config.MOD_CLUSTER_MEMBERS,
    );
    // Screening syncs too, without the lock. Its read is dropped when older than what is loaded,
    // or when this process began assigning meanwhile (the new member is not stored yet).
    if (!isLocked && (changed.lastClaimId < this.seenClaimId || this.recording > 0)) return;
    this.clusterer.forget(changed.absorbed);
    this.loadMatchable(changed.clusters);
    this.seenClaimId = changed.lastClaimId;
  }

  /**
   * Now and then, drops clusters that left the trending window (and have no reviewed answer) from
   * matching, as a restart would: memory and matching work stay bounded in a long-running server.
   */
  private async forgetDormant(): Promise<void> {
    const now = this.now();
    if (now - this.forgottenAt < FORGET_EVERY_MS) return;
    this.forgottenAt = now;
    this.clusterer.forget(await this.clusters.dormantClusters(this.trendingSince()));
  }

  private trendingSince(): number {
    return this.listing.trendingSince();
  }

  /**
   * Two reviewed rumors are not merged automatically: which answer would stand is a moderator's
   * call, and either may be right for its own claims. One reviewed answer moves with its claims.
   */
  private canMerge(kept: string, absorbed: string): boolean {
    if (!this.reviewed.has(kept) || !this.reviewed.has(absorbed)) return true;
    this.deps.logger.info(
      { kept, absorbed },
      'clusters drifted together but both have reviewed answers; left apart',
    );
    return false;
  }

  /** Writes a moderator's action to the audit log and shows it in every console. */
  async logAction(
    moderator: Pick<Moderator, 'id' | 'name'>,
    action: string,
    target: string,
    before: unknown,
    after: unknown,
    at: number = this.now(),
  ): Promise<void> {
    const entry = await this.audit.record({
      moderatorId: moderator.id,
      moderatorName: moderator.name,
      action,
      target,
      before,
      after,
      at,
    });
    this.emit('audit', entry);
  }

  /** Corrections for askers of this kind go through `sink`. */
  setSink(kind: Origin['kind'], sink: CorrectionSink): void {
    this.delivery.setSink(kind, sink);
  }

  subscribe(listener: ModerationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every console (the /moderate namespace) about something. */
  emit: Emit = (event, ...args) => {
    for (const listener of this.listeners) listener(event, ...args);
  };

  answerUrl(answerId: string): string {
    return `${this.deps.publicUrl}/a/${encodeURIComponent(answerId)}`;
  }

  private async decide(features: ClaimFeatures) {
    await this.loaded;
    const curated = await this.curated.currentByCluster();
    // A rumor clustered and reviewed on another node applies here too. Not while this process
    // assigns a claim: its member is in memory before it is stored, and a read then would drop it.
    if (this.recording === 0) await this.sync(this.clusters, false);
    const candidates: ClusterMembers[] = [];
    for (const id of curated.keys()) {
      const cluster = this.clusterer.get(id);
      if (cluster) candidates.push(cluster);
    }
    const decision = decideCurated(bestCluster(features, candidates), {
      auto: this.deps.config.MOD_AUTO_THRESHOLD,
      suggest: this.deps.config.MOD_SUGGEST_THRESHOLD,
    });
    return { decision, curated };
  }

  /**
   * True when the text matches a reviewed rumor above the automatic threshold (bot auto-reply).
   * The check runs first: without its citations the pair model fills the cited signal with the
   * mean of the others, which on the paraphrase groups triples the false automatic matches at the
   * automatic threshold (bench/moderation.bench.ts), and the answer's own screening (which has
   * the citations) could then disagree with this gate. A check costs a few tens of milliseconds
   * beyond the embedding and search the gate needs anyway, and only once something is reviewed.
   */
  async matchesCurated(text: string): Promise<boolean> {
    if ((await this.curated.currentByCluster()).size === 0) return false;
    const result = await this.deps.check?.(text).catch((err: unknown) => {
      this.deps.logger.warn({ err }, 'curated match without a check result');
      return undefined;
    });
    const features = result
      ? await this.features.of(text, result, traceOf(result))
      : await this.features.compute(text, this.features.englishQuery(text));
    return (await this.decide(features)).decision.kind === 'curated';
  }

  /**
   * Applies reviewed answers to a machine result: the curated answer above the automatic
   * threshold, a pointer to it between the suggestion and automatic thresholds.
   */
  async screen(text: string, result: CheckResult): Promise<CheckResult> {
    // Nothing reviewed yet: keep embedding and search off the answer's path (record() does them).
    if ((await this.curated.currentByCluster()).size === 0) return result;
    const features = await this.features.of(text, result, traceOf(result));
    const { decision, curated } = await this.decide(features);
    if (decision.kind === 'none') return result;
    const cur = curated.get(decision.clusterId)!;
    const representative = (await this.clusters.getCluster(cur.clusterId))?.representative ?? '';
    const screened = applyReview(result, decision, cur, representative);
    this.features.remember(screened, features);
    return screened;
  }

  /** Clusters an answered claim, stores it and shows it in the live feed. */
  async record(observation: Observation): Promise<ClusterClaim> {
    const { text, result } = observation;
    const features = await this.features.of(text, result, observation.trace);
    await this.loaded;
    await this.forgetDormant();
    const now = this.now();
    const askedAt = observation.askedAt ?? now;
    const { reviewed } = result;
    // Assigned and stored under the assignment lock, after reading what other nodes stored.
    let assignment: Assignment | undefined;
    let claim: ClusterClaim;
    this.recording++;
    try {
      claim = await this.deps.store.transaction(async ({ clusters, curated }) => {
        await clusters.lockAssignments();
        this.reviewed = new Set((await curated.currentByCluster()).keys());
        // Nothing awaited between loading what others stored and assigning against it.
        await this.sync(clusters, true);
        assignment = this.clusterer.assign(features);
        if (assignment.isNew) await clusters.createCluster(assignment.clusterId, text, askedAt);
        for (const m of assignment.merged)
          await clusters.mergeClusters(m.kept, m.absorbed, m.score, now);
        return clusters.addClaim({
          clusterId: assignment.clusterId,
          answerId: observation.answerId,
          text,
          channel: observation.channel,
          asker: observation.asker ?? null,
          askedAt,
          similarity: assignment.similarity.score,
          verdict: result.verdict,
          confidence: result.confidence,
          curatedId: reviewed?.kind === 'curated' ? reviewed.curatedId : null,
          features: saveFeatures(features, this.features.englishQuery(text, result)),
        });
      });
      this.seenClaimId = Math.max(this.seenClaimId, claim.id);
    } finally {
      this.recording--;
    }
    const { merged, clusterId } = assignment!;
    if (observation.answerId !== null) this.queuedHere.delete(observation.answerId);
    this.emit('claim', await this.listing.feedClaim(claim, result, reviewed?.kind));
    for (const m of merged) {
      this.deps.logger.info(m, 'clusters drifted together and were merged');
      this.emit('cluster:merged', { kept: m.kept, absorbed: m.absorbed });
    }
    if (merged.length > 0) this.emit('cluster', await this.cluster(clusterId));
    return claim;
  }

  /**
   * Notes a just-stored answer as still to be clustered, through `clusters` of the transaction
   * that stores the answer: if the process dies before `record` has stored its claim,
   * `recordQueued` at the next start still finds it, so no answer is missing from the feed.
   */
  async queueAnswer(
    answerId: string,
    asker: Origin,
    clusters: Pick<ClusterRepository, 'queueAnswer'> = this.clusters,
  ): Promise<void> {
    await clusters.queueAnswer(answerId, asker, this.now());
    this.queuedHere.add(answerId);
  }

  /**
   * Clusters the answers a stopped process stored but never clustered (the outbox), oldest
   * first, as `record` would have; `find` reads a stored answer. Returns how many it recorded.
   */
  async recordQueued(
    find: (answerId: string) => Promise<StoredAnswer | undefined>,
  ): Promise<number> {
    let recorded = 0;
    for (const { answerId, asker } of await this.clusters.queuedAnswers()) {
      if (this.queuedHere.has(answerId)) continue;
      const answer = await find(answerId);
      if (answer === undefined || (await this.clusters.claimByAnswer(answerId)) !== undefined) {
        await this.clusters.unqueueAnswer(answerId);
        continue;
      }
      try {
        await this.record({
          answerId,
          text: answer.claim,
          result: answer.result,
          channel: asker.kind,
          asker,
          askedAt: answer.createdAt,
        });
        recorded++;
      } catch (err) {
        // It stays in the outbox for the next start; the others go on.
        this.deps.logger.error({ err, answerId }, 'a stored answer could not be clustered');
      }
    }
    return recorded;
  }

  /** The clusters asked within the trending window, most active first, at most `limit`. */
  listClusters(order: ClusterOrder = 'active', limit = Infinity): Promise<ClusterSummary[]> {
    return this.listing.list(order, limit);
  }

  /** One cluster; an id merged away finds the cluster that took its claims. */
  cluster(id: string): Promise<ClusterSummary> {
    return this.listing.cluster(id);
  }

  /** A stored claim as the live feed shows it, with its answer's votes. */
  feedClaimOf(claim: ListedClaim, result?: FeedResult): Promise<FeedClaim> {
    return this.listing.feedClaim(claim, result);
  }

  /**
   * Saves a moderator's answer for a cluster, logs it, and corrects every earlier asker who was
   * told another verdict. Returns how many corrections were sent.
   */
  async saveCurated(
    moderator: Moderator,
    clusterId: string,
    input: CuratedInput,
  ): Promise<{ curated: CuratedAnswer; corrections: number }> {
    if (!(await this.clusters.getCluster(clusterId)))
      throw new AppError('NOT_FOUND', 'No cluster has that id.');
    const before = (await this.curated.currentByCluster()).get(clusterId);
    const now = this.now();
    const curated = await this.curated.add({
      clusterId,
      verdict: input.verdict,
      answer: input.answer,
      citations: input.citations,
      moderatorId: moderator.id,
      createdAt: now,
    });
    await this.logAction(
      moderator,
      before ? 'curated.update' : 'curated.create',
      `cluster:${clusterId}`,
      before ? { verdict: before.verdict, answer: before.answer } : null,
      { verdict: curated.verdict, answer: curated.answer, citations: curated.citations.length },
      now,
    );
    const claims = await this.clusters.claimsOf(clusterId);
    // The reviewed answers these claims were told before, read once (the check is synchronous).
    const toldIds = [...new Set(claims.map((c) => c.curatedId).filter((id) => id !== null))];
    const told = new Map<number, CuratedAnswer | undefined>();
    for (const id of toldIds) told.set(id, await this.curated.get(id));
    const owed = correctionsFor(
      claims,
      curated,
      (id) => told.get(id),
      (answerId) => this.answerUrl(answerId),
    );
    await this.clusters.markCurated(
      owed.map((o) => o.claim.id),
      curated.id,
    );
    await Promise.all(
      owed.map(({ claim, correction }) => this.delivery.deliver(correction, claim.asker!)),
    );
    this.emit('cluster', await this.cluster(clusterId));
    return { curated, corrections: owed.length };
  }
}
