import type { Config } from '../config/config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { FeedbackCounts, StoredAnswer } from '../store/store.js';
import type { Moderator } from '../store/moderation-accounts.js';
import type { AuditRepository } from '../store/moderation-audit.js';
import type { ClusterClaim, ClusterRepository, ListedClaim } from '../store/moderation-clusters.js';
import type { CuratedAnswer, CuratedRepository } from '../store/moderation-curated.js';
import type { PendingCorrectionRepository } from '../store/moderation-pending-corrections.js';
import type { Store } from '../store/store.js';
import type { Channel, CheckResult, Citation, Origin, Verdict } from '../types.js';
import { saveFeatures, type FeatureSource } from './claim-features.js';
import { ClusterListing } from './cluster-listing.js';
import { ClusterMatcher } from './cluster-matcher.js';
import { ClusterOutbox } from './cluster-outbox.js';
import type { ClusterOrder, FeedResult } from './cluster-summaries.js';
import { bestCluster } from './clusterer.js';
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
  private readonly matcher: ClusterMatcher;
  private readonly features: FeatureCache;
  private readonly delivery: CorrectionDelivery;
  private readonly listeners = new Set<ModerationListener>();
  private readonly outbox: ClusterOutbox;
  private readonly now: () => number;
  /** Resolves once the stored clusters are loaded for matching. */
  get loaded(): Promise<void> {
    return this.matcher.loaded;
  }

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
    this.outbox = new ClusterOutbox({
      clusters: this.clusters,
      logger: deps.logger,
      now: this.now,
      record: (observation) => this.record(observation),
    });
    this.matcher = new ClusterMatcher({
      store: deps.store,
      clusters: this.clusters,
      config: deps.config,
      logger: deps.logger,
      now: this.now,
      trendingSince: () => this.listing.trendingSince(),
    });
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
    const curated = await this.curated.currentByCluster();
    const candidates = await this.matcher.clustersOf(curated.keys());
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
    const now = this.now();
    const askedAt = observation.askedAt ?? now;
    const { reviewed } = result;
    const { claim, assignment } = await this.matcher.assign(
      features,
      async ({ clusters }, assignment) => {
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
      },
    );
    const { merged, clusterId } = assignment;
    if (observation.answerId !== null) this.outbox.done(observation.answerId);
    this.emit('claim', await this.listing.feedClaim(claim, result, reviewed?.kind));
    for (const m of merged) {
      this.deps.logger.info(m, 'clusters drifted together and were merged');
      this.emit('cluster:merged', { kept: m.kept, absorbed: m.absorbed });
    }
    if (merged.length > 0) this.emit('cluster', await this.cluster(clusterId));
    return claim;
  }

  /** Notes a just-stored answer as still to be clustered (see ClusterOutbox). */
  queueAnswer(
    answerId: string,
    asker: Origin,
    clusters?: Pick<ClusterRepository, 'queueAnswer'>,
  ): Promise<void> {
    return this.outbox.queue(answerId, asker, clusters);
  }

  /** Clusters the answers a stopped process stored but never clustered; how many. */
  recordQueued(find: (answerId: string) => Promise<StoredAnswer | undefined>): Promise<number> {
    return this.outbox.recordLeftOver(find);
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
