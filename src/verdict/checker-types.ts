import type {
  CheckResult,
  Passage,
  QuotedSpan,
  ScoredPassage,
  SourceSpan,
  Verdict,
} from '../types.js';
import type { FeatureVector } from './model/features.js';
import type { PairStance } from './pair/pair-stance.js';

/** One claim of a message as the verdict model sees it (for training and evaluation). */
export interface ClaimFeatures {
  text: string;
  /** The hand-set rules' verdict. */
  rule: Verdict;
  features: FeatureVector;
}

/** Stages of one check, reported to progress listeners in this order. */
export type CheckStage = 'normalize' | 'retrieve' | 'rerank' | 'stance' | 'compose';

/**
 * What one check did, for the parts that reuse its work instead of redoing it (moderation
 * clusters a claim by the same query vector and retrieved passages). Not part of the JSON.
 */
export interface CheckTrace {
  lang: 'en' | 'zh';
  /** The English query of each claim of the message, joined (a Chinese claim's translation). */
  englishQuery: string;
  /** The encoder's vector of the English query; set when the message holds one claim. */
  queryVector?: Float32Array;
  /** The passages retrieved for the message's first claim, best first. */
  retrieved: (SourceSpan & { id: number })[];
  /** Milliseconds per stage. */
  timings: Record<CheckStage, number>;
}

/** A check result with its trace, a non-enumerable property: JSON and copies leave it out. */
export type TracedCheckResult = CheckResult & { readonly trace?: CheckTrace };

/** The trace of a result straight from the checker; undefined for copies and stored results. */
export const traceOf = (result: CheckResult): CheckTrace | undefined =>
  (result as TracedCheckResult).trace;

export interface CheckOptions {
  /** Called as the check moves through its stages (the chat shows them). */
  onProgress?: (stage: CheckStage) => void;
  /** Aborts the check (client gone, server shutting down). */
  signal?: AbortSignal;
}

/** Where a cited span sits: its surrounding paragraph and article, for "view in source". */
export interface SourceContext extends QuotedSpan {
  /** The paragraph (or passage) around the span, with its own offsets in the source. */
  context: { start: number; end: number; text: string };
}

/** Loads once, answers many claims. Built by `createChecker` (src/verdict/checker.ts). */
export interface Checker {
  check(claim: string, options?: CheckOptions): Promise<TracedCheckResult>;
  /** The model's input features for each claim of a message (training and evaluation read them). */
  features(claim: string): Promise<ClaimFeatures[]>;
  /** The model's input features for a claim against one evidence text alone. */
  pairFeatures(claim: string, evidence: string): Promise<ClaimFeatures>;
  /** The stance of a given evidence text toward a claim, from the same model `check` uses. */
  stance(claim: string, evidence: string): Promise<PairStance>;
  /** Plain hybrid search over the knowledge base (moderators pick citations with it). */
  search(text: string, k: number): Promise<ScoredPassage[]>;
  /** Embeds text with the index's encoder (clustering of incoming claims uses it). */
  embed(text: string): Promise<Float32Array>;
  /** The cited span with its context, or undefined when docId/offsets do not match a document. */
  sourceContext(docId: string, start: number, end: number): Promise<SourceContext | undefined>;
  /** Every passage in the index, by row id; null for rows of removed documents. */
  readonly passages: ReadonlyArray<Passage | null>;
  /** Identifies the index build that answers (stored with every answer). */
  readonly indexVersion: string;
  close(): Promise<void>;
}
