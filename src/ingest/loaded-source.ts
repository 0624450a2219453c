import type { Article } from '../types.js';

/** How a source file is read: its extension, or the BEIR file name `corpus.jsonl`. */
export type SourceKind = 'text' | 'markdown' | 'html' | 'jsonl' | 'beir';

/**
 * Readable text derived from raw source text (tags or JSON escapes removed), with the raw span
 * each of its UTF-16 code units came from: plain `text[i]` came from `raw.slice(starts[i], ends[i])`.
 */
export interface PlainView {
  text: string;
  starts: Uint32Array;
  ends: Uint32Array;
}

/** An article and, when its raw span is not readable as is (HTML, escaped JSON), its plain view. */
export interface LoadedArticle extends Article {
  plain?: PlainView;
}

export interface LoadedSource {
  /** Path relative to the knowledge folder, with forward slashes. */
  source: string;
  /**
   * The file decoded as UTF-8, byte order mark kept (as `fs.readFile(path, 'utf8')` does), so
   * every offset is a JavaScript string index into what any reader of the file gets.
   */
  text: string;
  /**
   * sha256 hex of `text` as UTF-8, the content hash that decides re-embedding. Decoding is
   * lossless (valid UTF-8 only, BOM kept), so it equals the sha256 of the file's bytes.
   */
  hash: string;
  kind: SourceKind;
  articles: LoadedArticle[];
}
