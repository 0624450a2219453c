import type { Passage } from '../types.js';
import { Bm25Store, type Bm25Settings } from './bm25-store.js';
import type { BuildKey } from './manifest.js';
import { tokenize } from './tokenize.js';
import { HnswVectorStore, type HnswSettings } from './vector-store.js';

export interface DocumentEntry {
  hash: string;
  rows: number[];
}

/** A passage with the vector that represents it. */
export interface EmbeddedPassage {
  passage: Passage;
  vector: Float32Array;
}

/**
 * The in-memory index: a passage table whose row ids key both the BM25 and the HNSW store, and
 * the documents each row came from. Removing a document nulls its rows; `compact` renumbers.
 */
export class IndexState {
  readonly build: BuildKey;
  passages: Array<Passage | null>;
  bm25: Bm25Store;
  vectors: HnswVectorStore;
  readonly documents: Map<string, DocumentEntry>;

  constructor(init: {
    build: BuildKey;
    passages: Array<Passage | null>;
    bm25: Bm25Store;
    vectors: HnswVectorStore;
    documents: Map<string, DocumentEntry>;
  }) {
    this.build = init.build;
    this.passages = init.passages;
    this.bm25 = init.bm25;
    this.vectors = init.vectors;
    this.documents = init.documents;
  }

  static empty(build: BuildKey, bm25: Bm25Settings, hnsw: HnswSettings, capacity = 0): IndexState {
    return new IndexState({
      build,
      passages: [],
      bm25: new Bm25Store(bm25),
      vectors: HnswVectorStore.create(build.dimensions, hnsw, capacity),
      documents: new Map(),
    });
  }

  /** Live passages. */
  get size(): number {
    return this.bm25.size;
  }

  /** Rows marked deleted (null passages). */
  deletedRows(): number[] {
    const rows: number[] = [];
    this.passages.forEach((p, row) => {
      if (p === null) rows.push(row);
    });
    return rows;
  }

  removeDocument(source: string): void {
    const doc = this.documents.get(source);
    if (doc === undefined) return;
    for (const row of doc.rows) {
      this.bm25.remove(row);
      this.vectors.remove(row);
      this.passages[row] = null;
    }
    this.documents.delete(source);
  }

  /** Adds (or replaces) a document's passages with their vectors. */
  putDocument(source: string, hash: string, embedded: readonly EmbeddedPassage[]): void {
    this.removeDocument(source);
    const rows: number[] = [];
    for (const { passage, vector } of embedded) {
      const row = this.passages.length;
      this.passages.push(passage);
      this.bm25.add(row, passageTokens(passage, this.build.titleWeight));
      this.vectors.add(row, vector);
      rows.push(row);
    }
    this.documents.set(source, { hash, rows });
  }

  /** Renumbers live rows densely and rebuilds the vector graph without deleted entries. */
  compact(): void {
    const mapping = new Map<number, number>();
    const passages: Passage[] = [];
    this.passages.forEach((p, row) => {
      if (p === null) return;
      mapping.set(row, passages.length);
      passages.push(p);
    });
    this.vectors = this.vectors.compacted(mapping);
    this.bm25 = this.bm25.remap(mapping);
    this.passages = passages;
    for (const doc of this.documents.values())
      doc.rows = doc.rows.map((row) => mapping.get(row) as number);
  }
}

/** The text a passage is embedded from: its section (the rumor a "Truth:" answers) leads. */
export function embeddingText(passage: Passage): string {
  const body = passage.plainText ?? passage.text;
  return passage.section === undefined ? body : `${passage.section}\n${body}`;
}

/** BM25 tokens of a passage: its text, its section, and its title `titleWeight` times (rounded). */
export function passageTokens(passage: Passage, titleWeight: number): string[] {
  const tokens = tokenize(passage.plainText ?? passage.text);
  if (passage.section !== undefined) tokens.push(...tokenize(passage.section));
  const title = titleWeight > 0 ? tokenize(passage.title) : [];
  for (let i = 0; i < Math.round(titleWeight); i++) tokens.push(...title);
  return tokens;
}
