import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.js';
import type { Logger } from '../logger.js';
import type {
  ClusterClaim,
  ClusterRepository,
  MatchableCluster,
} from '../store/moderation-clusters.js';
import type { Repositories, Store } from '../store/store.js';
import { restoreFeatures } from './claim-features.js';
import { Clusterer, TRENDING_LINK, type Assignment, type ClusterMembers } from './clusterer.js';
import type { ClaimFeatures } from './similarity.js';

/** How often dormant clusters are dropped from matching. */
const FORGET_EVERY_MS = 3_600_000;

export interface ClusterMatcherDeps {
  /** Where assignments are stored, each in a transaction of its own. */
  store: Store;
  clusters: ClusterRepository;
  config: Pick<Config, 'MOD_CLUSTER_THRESHOLD' | 'MOD_CLUSTER_MEMBERS'>;
  logger: Logger;
  now: () => number;
  /** The start of the trending window: older clusters without a review leave matching. */
  trendingSince: () => number;
}

type Persist = (tx: Repositories, assignment: Assignment) => Promise<ClusterClaim>;

interface PendingAssignment {
  features: ClaimFeatures;
  persist: Persist;
  resolve: (stored: { claim: ClusterClaim; assignment: Assignment }) => void;
  reject: (err: unknown) => void;
}

/** At most this many claims are assigned in one transaction. */
const ASSIGN_BATCH = 50;

/**
 * The clusters a claim is matched against, kept in memory and in step with what every node
 * stored: loaded at start, brought up to date under the assignment lock before each assignment
 * (and, without the lock, before screening), dormant ones dropped now and then.
 */
export class ClusterMatcher {
  /** Resolves once the stored clusters are loaded for matching; record and screen wait for it. */
  readonly loaded: Promise<void>;
  private readonly clusterer: Clusterer;
  private forgottenAt = 0;
  /** Clusters with a reviewed answer, as read before the last assignment (see canMerge). */
  private reviewed: ReadonlySet<string> = new Set();
  /** The newest stored claim the clusterer knows of: later ones are other nodes' (see sync). */
  private seenClaimId = 0;
  /** Whether this process is inside an assignment transaction (a screening sync then waits). */
  private isAssigning = false;
  /** Claims waiting for the next assignment transaction, and whether one is running. */
  private pending: PendingAssignment[] = [];
  private draining = false;

  constructor(private readonly deps: ClusterMatcherDeps) {
    this.clusterer = new Clusterer({
      joinThreshold: deps.config.MOD_CLUSTER_THRESHOLD,
      link: TRENDING_LINK,
      maxMembers: deps.config.MOD_CLUSTER_MEMBERS,
      newId: () => randomUUID(),
      merge: { canMerge: (kept, absorbed) => this.canMerge(kept, absorbed) },
    });
    this.loaded = this.load();
    this.loaded.catch((err: unknown) =>
      deps.logger.error({ err }, 'stored clusters could not be loaded for matching'),
    );
  }

  private async load(): Promise<void> {
    // Read first: a claim stored while loading is then read again by the next sync.
    const seen = await this.deps.clusters.lastClaimId();
    const matchable = await this.deps.clusters.matchableClusters(
      this.deps.trendingSince(),
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
    if (!isLocked && (changed.lastClaimId < this.seenClaimId || this.isAssigning)) return;
    this.clusterer.forget(changed.absorbed);
    this.loadMatchable(changed.clusters);
    this.seenClaimId = changed.lastClaimId;
  }

  /**
   * Now and then, drops clusters that left the trending window (and have no reviewed answer) from
   * matching, as a restart would: memory and matching work stay bounded in a long-running server.
   */
  async forgetDormant(): Promise<void> {
    const now = this.deps.now();
    if (now - this.forgottenAt < FORGET_EVERY_MS) return;
    this.forgottenAt = now;
    this.clusterer.forget(await this.deps.clusters.dormantClusters(this.deps.trendingSince()));
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

  /** The clusters of these ids as matching knows them, after reading what other nodes stored. */
  async clustersOf(ids: Iterable<string>): Promise<ClusterMembers[]> {
    await this.loaded;
    // A rumor clustered and reviewed on another node applies here too. Not while this process
    // assigns a claim: its member is in memory before it is stored, and a read then would drop it.
    if (!this.isAssigning) await this.sync(this.deps.clusters, false);
    const out: ClusterMembers[] = [];
    for (const id of ids) {
      const cluster = this.clusterer.get(id);
      if (cluster) out.push(cluster);
    }
    return out;
  }

  /**
   * Assigns a claim to a cluster and stores it (`persist`) in a transaction holding the
   * assignment lock, after reading what other nodes stored: nothing is awaited between that read
   * and the assignment. Claims that arrive while a transaction runs wait and go together in the
   * next one (up to ASSIGN_BATCH): one transaction at a time per process, since concurrent ones
   * would each hold a pooled database connection while waiting for the lock, and a burst of
   * forwards would leave none for saving answers (measured under 1,000 sockets: 11-73% of claims
   * refused STORE_UNAVAILABLE before). If a transaction fails, every claim in it fails (the
   * answers stay in the outbox and are clustered at the next start).
   */
  assign(
    features: ClaimFeatures,
    persist: Persist,
  ): Promise<{ claim: ClusterClaim; assignment: Assignment }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ features, persist, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, ASSIGN_BATCH);
        try {
          const stored = await this.assignBatch(batch);
          batch.forEach((p, i) => p.resolve(stored[i]!));
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async assignBatch(batch: PendingAssignment[]) {
    await this.loaded;
    await this.forgetDormant();
    this.isAssigning = true;
    try {
      const stored = await this.deps.store.transaction(async (tx) => {
        await tx.clusters.lockAssignments();
        this.reviewed = new Set((await tx.curated.currentByCluster()).keys());
        await this.sync(tx.clusters, true);
        const out: { claim: ClusterClaim; assignment: Assignment }[] = [];
        for (const p of batch) {
          const assignment = this.clusterer.assign(p.features);
          out.push({ claim: await p.persist(tx, assignment), assignment });
        }
        return out;
      });
      for (const s of stored) this.seenClaimId = Math.max(this.seenClaimId, s.claim.id);
      return stored;
    } finally {
      this.isAssigning = false;
    }
  }
}
