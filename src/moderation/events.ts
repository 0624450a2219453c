import type { Verdict } from '../types.js';
import type { Citation } from '../types.js';
import type { AuditEntry } from '../store/moderation-audit.js';
import type { AskCounts } from './ask-counts.js';
import type { FeedbackCounts } from '../store/store.js';
import type { Moderator } from '../store/moderation-accounts.js';
import type { SessionEndReason } from './moderator-accounts.js';

/** One incoming claim as the console's live feed shows it. */
export interface FeedClaim {
  id: number;
  clusterId: string;
  answerId: string | null;
  text: string;
  channel: string;
  askedAt: number;
  verdict: Verdict | null;
  confidence: number | null;
  citations: Pick<Citation, 'n' | 'title' | 'source' | 'quote' | 'stance'>[];
  /** Set when the claim got (or was pointed to) a reviewed answer. */
  reviewed?: 'curated' | 'suggested';
  /** Feedback votes on the answer (absent when the claim has no stored answer). */
  votes?: FeedbackCounts;
  /** The claim came as a screenshot: the text read off it (the claim, unless typed beside it). */
  read?: string;
  /** The screenshot is kept (KEEP_IMAGES): its thumbnail is at /api/v1/moderate/claims/<answerId>/image. */
  hasImage?: true;
}

/** A feedback vote arrived: the answer's counts now, and which way this vote went. */
export interface FeedVotesEvent {
  answerId: string;
  votes: FeedbackCounts;
  helpful: boolean;
}

export interface CuratedSummary {
  id: number;
  verdict: Verdict;
  answer: string;
  citations: Citation[];
  reviewer: string;
  reviewedAt: number;
}

/** A cluster of one rumor with its activity, as the contract route and the console list it. */
export interface ClusterSummary {
  id: string;
  /** The representative claim: the first one asked. */
  claim: string;
  count: number;
  claims: FeedClaim[];
  counts: AskCounts;
  /** Asks per hour over the last 24 hours, oldest first. */
  sparkline: number[];
  growth: number;
  lastAskedAt: number;
  curated?: CuratedSummary;
}

export interface IngestProgressEvent {
  jobId: string;
  stage: string;
  done: number;
  total: number;
  finished?: boolean;
  error?: { code: string; message: string };
}

/** Sent just before the server closes a console socket whose session ended. */
export interface SessionEndedEvent {
  code: 'SESSION_ENDED';
  message: string;
  reason: SessionEndReason;
}

/** Server to console events on the `/moderate` namespace. */
export interface ModerateServerEvents {
  'session:ended': (event: SessionEndedEvent) => void;
  claim: (claim: FeedClaim) => void;
  cluster: (cluster: ClusterSummary) => void;
  /** Two clusters drifted together: `absorbed` is gone, its claims are in `kept` (sent next). */
  'cluster:merged': (merge: { kept: string; absorbed: string }) => void;
  audit: (entry: AuditEntry) => void;
  'feed:votes': (event: FeedVotesEvent) => void;
  'ingest:progress': (progress: IngestProgressEvent) => void;
}

/** The console only listens. */
export type ModerateClientEvents = Record<string, never>;

/** What a console socket carries (kept through connection state recovery). */
export interface ModerateSocketData {
  moderator: Moderator;
  /** The session's token hash: the socket lives only as long as that session. */
  tokenHash: string;
}
