import { AppError } from '../errors.js';

export interface Bm25Settings {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

/** A query term and how much it counts (1 for the claim's own words, less for expansions). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Hit {
  id: number;
  score: number;
}

/** The JSON form: settings and, per row, its distinct terms and their counts. */
export interface Bm25Snapshot {
  k1: number;
  b: number;
  docs: Array<[id: number, terms: string[], counts: number[]]>;
}

interface DocEntry {
  terms: string[];
  counts: number[];
  length: number;
}

/**
 * Okapi BM25 over rows identified by integer ids, with Lucene's non-negative idf
 * ln(1 + (N - df + 0.5) / (df + 0.5)). Rows can be added and removed one at a time.
 */
export class Bm25Store {
  readonly settings: Bm25Settings;
  private readonly docs = new Map<number, DocEntry>();
  private readonly postings = new Map<string, Map<number, number>>();
  private totalLength = 0;

  constructor(settings: Bm25Settings) {
    this.settings = settings;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: number): boolean {
    return this.docs.has(id);
  }

  /** Indexes a row's tokens; replaces the row if the id is already present. */
  add(id: number, tokens: readonly string[]): void {
    const tf = new Map<string, number>();
    for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
    this.addCounts(id, [...tf.keys()], [...tf.values()]);
  }

  private addCounts(id: number, terms: string[], counts: number[]): void {
    if (this.docs.has(id)) this.remove(id);
    let length = 0;
    terms.forEach((term, i) => {
      const count = counts[i] as number;
      length += count;
      let posting = this.postings.get(term);
      if (posting === undefined) this.postings.set(term, (posting = new Map()));
      posting.set(id, count);
    });
    this.docs.set(id, { terms, counts, length });
    this.totalLength += length;
  }

  remove(id: number): void {
    const doc = this.docs.get(id);
    if (doc === undefined) return;
    for (const term of doc.terms) {
      const posting = this.postings.get(term);
      posting?.delete(id);
      if (posting?.size === 0) this.postings.delete(term);
    }
    this.totalLength -= doc.length;
    this.docs.delete(id);
  }

  /** Inverse document frequency of a term (0 for unknown terms). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    if (df === 0) return 0;
    const n = this.docs.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The k best rows for weighted query terms (a term given twice counts twice), best first.
   * Rows sharing no term with the query are not returned.
   */
  search(query: readonly (string | WeightedTerm)[], k: number): Bm25Hit[] {
    if (k <= 0 || this.docs.size === 0) return [];
    const scores = new Map<number, number>();
    for (const [term, weight] of termWeights(query)) {
      const posting = this.postings.get(term);
      if (posting === undefined || weight <= 0) continue;
      const idf = this.idf(term) * weight;
      for (const [id, tf] of posting)
        scores.set(id, (scores.get(id) ?? 0) + idf * this.saturate(tf, id));
    }
    return topK(scores, k);
  }

  /** The BM25 score of each given row for the query (0 for rows sharing no term or unknown). */
  scores(query: readonly (string | WeightedTerm)[], ids: readonly number[]): number[] {
    const weights = [...termWeights(query)].map(([term, weight]) => ({
      posting: this.postings.get(term),
      idf: this.idf(term) * weight,
    }));
    return ids.map((id) => {
      let score = 0;
      for (const { posting, idf } of weights) {
        const tf = posting?.get(id);
        if (tf !== undefined && idf > 0) score += idf * this.saturate(tf, id);
      }
      return score;
    });
  }

  /** BM25's term-frequency part, tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)). */
  private saturate(tf: number, id: number): number {
    const { k1, b } = this.settings;
    const length = (this.docs.get(id) as DocEntry).length;
    const avgLength = this.totalLength / this.docs.size;
    return (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / avgLength));
  }

  /** A copy with row ids renamed by `mapping` (rows missing from it are dropped). */
  remap(mapping: ReadonlyMap<number, number>): Bm25Store {
    const next = new Bm25Store(this.settings);
    for (const [id, doc] of this.docs) {
      const to = mapping.get(id);
      if (to !== undefined) next.addCounts(to, doc.terms, doc.counts);
    }
    return next;
  }

  toJSON(): Bm25Snapshot {
    const docs: Bm25Snapshot['docs'] = [];
    for (const [id, doc] of this.docs) docs.push([id, doc.terms, doc.counts]);
    return { k1: this.settings.k1, b: this.settings.b, docs };
  }

  /** Rebuilds a store from its JSON form; INDEX_CORRUPT when the shape is wrong. */
  static fromJSON(json: unknown, settings?: Bm25Settings): Bm25Store {
    const snap = json as Partial<Bm25Snapshot> | null;
    if (
      snap === null ||
      typeof snap !== 'object' ||
      typeof snap.k1 !== 'number' ||
      typeof snap.b !== 'number' ||
      !Array.isArray(snap.docs)
    )
      throw new AppError('INDEX_CORRUPT', 'The BM25 index file does not have the expected shape.');
    const store = new Bm25Store(settings ?? { k1: snap.k1, b: snap.b });
    for (const entry of snap.docs) {
      const [id, terms, counts] = Array.isArray(entry) ? entry : [];
      if (
        !Number.isInteger(id) ||
        !Array.isArray(terms) ||
        !Array.isArray(counts) ||
        terms.length !== counts.length
      )
        throw new AppError('INDEX_CORRUPT', 'A BM25 index row is malformed.');
      store.addCounts(id as number, terms, counts);
    }
    return store;
  }
}

/** Query terms with their summed weights (a term given twice counts twice). */
function termWeights(query: readonly (string | WeightedTerm)[]): Map<string, number> {
  const weights = new Map<string, number>();
  for (const q of query) {
    const { term, weight } = typeof q === 'string' ? { term: q, weight: 1 } : q;
    weights.set(term, (weights.get(term) ?? 0) + weight);
  }
  return weights;
}

/** The k highest-scoring ids of a score map, best first (ties by lower id, for stable output). */
export function topK(scores: ReadonlyMap<number, number>, k: number): Bm25Hit[] {
  const hits: Bm25Hit[] = [];
  for (const [id, score] of scores) hits.push({ id, score });
  hits.sort((x, y) => y.score - x.score || x.id - y.id);
  return hits.slice(0, k);
}
