import { AppError } from '../errors.js';
import type { FeedbackCounts } from '../store/chat-store.js';
import type { ClusterRepository, ListedClaim } from '../store/moderation-clusters.js';
import type { CuratedRepository } from '../store/moderation-curated.js';
import {
  feedClaim,
  LISTED_CLAIMS,
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
      votes?: (answerId: string) => FeedbackCounts;
      /** Whether a screenshot is kept with the answer (KEEP_IMAGES). */
      hasImage?: (answerId: string) => boolean;
    },
  ) {}

  /** Clusters last asked before this are neither listed nor reloaded for matching. */
  trendingSince(): number {
    return this.deps.now() - this.deps.trendingDays * DAY;
  }

  /** The clusters asked within the trending window, most active first, at most `limit`. */
  list(order: ClusterOrder = 'active', limit = Infinity): ClusterSummary[] {
    return summariseClusters(
      this.clusters.activeClusters(this.trendingSince()),
      this.listedClaimsOf,
      this.curated.currentByCluster(),
      this.deps.now(),
      { order, limit },
    );
  }

  /** One cluster; an id merged away finds the cluster that took its claims. */
  cluster(id: string): ClusterSummary {
    const record = this.clusters.getCluster(this.clusters.resolveId(id));
    if (!record) throw new AppError('NOT_FOUND', 'No cluster has that id.');
    const activity = { cluster: record, times: this.clusters.askTimesOf(record.id) };
    const cur = this.curated.currentByCluster();
    return summariseClusters([activity], this.listedClaimsOf, cur, this.deps.now())[0]!;
  }

  /** A stored claim as the live feed shows it, with its answer's votes. */
  feedClaim(claim: ListedClaim, result?: FeedResult, reviewed?: FeedClaim['reviewed']): FeedClaim {
    const item = feedClaim(claim, result, reviewed);
    const votes = item.answerId === null ? undefined : this.deps.votes?.(item.answerId);
    const hasImage = item.read !== undefined && this.deps.hasImage?.(item.answerId ?? '');
    return { ...item, ...(votes ? { votes } : {}), ...(hasImage ? { hasImage: true } : {}) };
  }

  private readonly listedClaimsOf = (clusterId: string) =>
    this.clusters.recentClaimsOf(clusterId, LISTED_CLAIMS);
}
