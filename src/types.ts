/** Domain types shared by every layer. Contract shapes (CheckResult, Citation) follow DESIGN.md. */

/** The verdicts, in the order the verdict model's classes use; every other spelling derives from it. */
export const VERDICTS = ['SUPPORTED', 'REFUTED', 'NOT_ENOUGH_INFO'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const STANCES = ['supports', 'refutes', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];

/**
 * Where a claim came from, and how to reach the person again when a moderator corrects the
 * answer: the widget's conversation, the Telegram message, the webhook bot (with its `ref`).
 */
export type Origin =
  | { kind: 'widget'; conversationId: string }
  | { kind: 'rest'; apiKey?: string }
  | { kind: 'telegram'; chatId: number; messageId: number }
  | { kind: 'webhook'; botId: number; ref?: string };

/** The channel a claim arrived on (metrics labels, stored answers). */
export type Channel = Origin['kind'];

/** How a person's review changed a machine answer (see src/moderation/screening.ts). */
export interface Review {
  kind: 'curated' | 'suggested';
  clusterId: string;
  curatedId: number;
  verdict: Verdict;
  reviewer: string;
  reviewedAt: string;
  /** For a suggestion: the reviewed claim it may match. */
  claim?: string;
  /** For a curated answer: what the machine had said. */
  machine?: { verdict: Verdict; confidence: number };
}

/** An article found in a source file: a span of that file with a title. */
export interface Article {
  /** Stable id: derived from the source path and the article's position/title. */
  docId: string;
  title: string;
  /** Path relative to the knowledge folder, with forward slashes. */
  source: string;
  start: number;
  end: number;
  url?: string;
  date?: string;
}

/** A span of one document of the knowledge base: the document, and offsets into its text. */
export interface SourceSpan {
  docId: string;
  title: string;
  source: string;
  start: number;
  end: number;
}

/** A span with its exact text: `quote === sourceText.slice(start, end)`. */
export interface QuotedSpan extends SourceSpan {
  quote: string;
}

/** A few sentences of an article. Invariant: sourceText.slice(start, end) === text. */
export interface Passage extends SourceSpan {
  /** E.g. the rumor statement that a "Truth:" paragraph answers. */
  section?: string;
  text: string;
  /** Text with markup or JSON escapes removed, for embedding and BM25; defaults to `text`. */
  plainText?: string;
}

/** A passage found by a search, with the fused score and each signal's own score. */
export interface ScoredPassage extends Passage {
  /** Row id of the passage in the index's passage table. */
  id: number;
  score: number;
  signals: { bm25?: number; dense?: number; rerank?: number };
}

export interface Citation extends QuotedSpan {
  n: number;
  score: number;
  stance: Stance;
}

export interface CheckResult {
  claim: string;
  verdict: Verdict;
  confidence: number;
  answer: string;
  citations: Citation[];
  /** The checker's English query (for a Chinese claim, its translation). */
  englishQuery?: string;
  /** The message's language as the checker read it. */
  lang?: 'en' | 'zh';
  /** Milliseconds per stage of the check. */
  timings?: Record<string, number>;
  /** Set when a reviewed answer replaced or annotated the machine's. */
  reviewed?: Review;
  /** Extra fields are allowed by the contract. */
  [extra: string]: unknown;
}
