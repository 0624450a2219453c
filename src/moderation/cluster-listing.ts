import { AppError } from '../errors.js';
import type { FeedbackCounts } from '../store/store.js';
import type { ClusterRepository, ListedClaim } from '../store/moderation-clusters.js';
import type { CuratedRepository } from '../store/moderation-curated.js';
import {
  feedClaim,
  LISTED_CLAIMS,
  rankedClusterIds,
  type FeedResult,
  summariseClusters,
  type ClusterOrder,
} from './cluster-summaries.js';
import type { ClusterSummary, FeedClaim } from './events.js';

const DAY = 86_400_000;

/** What the console lists: trending clusters with their reviewed answers, and feed claims. */
export class ClusterListing {
  constructor(
    private readonly clusters: ClusterRepository,
    private readonly curated: CuratedRepository,
    private readonly deps: {
      trendingDays: number;
      now: () => number;
      /** An answer's feedback votes (the chat store's), shown with each claim in the feed. */
      votes?: (answerId: string) => Promise<FeedbackCounts>;
      /** Whether a screenshot is kept with the answer (KEEP_IMAGES). */
      hasImage?: (answerId: string) => Promise<boolean>;
    },
  ) {}

  /** Clusters last asked before this are neither listed nor reloaded for matching. */
  trendingSince(): number {
    return this.deps.now() - this.deps.trendingDays * DAY;
  }

  /** The clusters asked within the trending window, most active first, at most `limit`. */
  async list(order: ClusterOrder = 'active', limit = Infinity): Promise<ClusterSummary[]> {
    const active = await this.clusters.activeClusters(this.trendingSince());
    const now = this.deps.now();
    const claims = await this.listedClaimsOf(rankedClusterIds(active, now, { order, limit }));
    const curated = await this.curated.currentByCluster();
    return summariseClusters(active, (id) => claims.get(id) ?? [], curated, now, { order, limit });
  }

  /** One cluster; an id merged away finds the cluster that took its claims. */
  async cluster(id: string): Promise<ClusterSummary> {
    const record = await this.clusters.getCluster(await this.clusters.resolveId(id));
    if (!record) throw new AppError('NOT_FOUND', 'No cluster has that id.');
    const activity = { cluster: record, times: await this.clusters.askTimesOf(record.id) };
    const claims = await this.listedClaimsOf([record.id]);
    const cur = await this.curated.currentByCluster();
    const claimsOf = (clusterId: string) => claims.get(clusterId) ?? [];
    return summariseClusters([activity], claimsOf, cur, this.deps.now())[0]!;
  }

  /** A stored claim as the live feed shows it, with its answer's votes. */
  async feedClaim(
    claim: ListedClaim,
    result?: FeedResult,
    reviewed?: FeedClaim['reviewed'],
  ): Promise<FeedClaim> {
    const item = feedClaim(claim, result, reviewed);
    const votes = item.answerId === null ? undefined : await this.deps.votes?.(item.answerId);
    const hasImage = item.read !== undefined && (await this.deps.hasImage?.(item.answerId ?? ''));
    return { ...item, ...(votes ? { votes } : {}), ...(hasImage ? { hasImage: true } : {}) };
  }

  /** The claims each of these clusters lists. */
  private async listedClaimsOf(ids: readonly string[]): Promise<Map<string, ListedClaim[]>> {
    const claims = await Promise.all(
      ids.map((id) => this.clusters.recentClaimsOf(id, LISTED_CLAIMS)),
    );
    return new Map(ids.map((id, i) => [id, claims[i]!]));
  }
}
