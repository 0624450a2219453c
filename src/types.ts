/** Domain types shared by every layer. Contract shapes (CheckResult, Citation) follow DESIGN.md. */

export type Verdict = 'SUPPORTED' | 'REFUTED' | 'NOT_ENOUGH_INFO';
export type Stance = 'supports' | 'refutes' | 'neutral';

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
  /** Extra fields are allowed by the contract. */
  [extra: string]: unknown;
}
