import hnswlib from 'hnswlib-node';
import { AppError } from '../errors.js';

export interface HnswSettings {
  /** Graph degree (hnswlib's M). */
  m: number;
  /** Candidate list size while building. */
  efConstruction: number;
  /** Candidate list size while searching (raised to k when k is larger). */
  efSearch: number;
  /** Seed for the level generator, so builds are reproducible. */
  seed: number;
}

export interface VectorHit {
  id: number;
  /** Cosine similarity, 1 - hnswlib's cosine distance. */
  score: number;
}

const MIN_CAPACITY = 1024;

/**
 * Approximate nearest neighbours by cosine similarity (hnswlib's HierarchicalNSW), keyed by row
 * id. Removal marks rows deleted (searches skip them); `compacted` rebuilds without them.
 */
export class HnswVectorStore {
  readonly dimensions: number;
  readonly settings: HnswSettings;
  private readonly index: hnswlib.HierarchicalNSW;
  private readonly deleted: Set<number>;

  private constructor(
    dimensions: number,
    settings: HnswSettings,
    index: hnswlib.HierarchicalNSW,
    deleted: Iterable<number> = [],
  ) {
    this.dimensions = dimensions;
    this.settings = settings;
    this.index = index;
    this.deleted = new Set(deleted);
  }

  /** An empty store with room for `capacity` vectors (it grows as needed). */
  static create(
    dimensions: number,
    settings: HnswSettings,
    capacity = MIN_CAPACITY,
  ): HnswVectorStore {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    index.initIndex({
      maxElements: Math.max(capacity, MIN_CAPACITY),
      m: settings.m,
      efConstruction: settings.efConstruction,
      randomSeed: settings.seed,
    });
    return new HnswVectorStore(dimensions, settings, index);
  }

  /**
   * Reads a store written by `save`. `deleted` lists the rows marked deleted in it (the file
   * keeps the marks; the list keeps counts). INDEX_CORRUPT when hnswlib cannot read the file.
   */
  static async load(
    file: string,
    dimensions: number,
    settings: HnswSettings,
    deleted: Iterable<number> = [],
  ): Promise<HnswVectorStore> {
    const index = new hnswlib.HierarchicalNSW('cosine', dimensions);
    try {
      await index.readIndex(file);
    } catch (cause) {
      throw new AppError('INDEX_CORRUPT', `The vector index ${file} could not be read.`, { cause });
    }
    if (index.getNumDimensions() !== dimensions)
      throw new AppError('INDEX_CORRUPT', `The vector index ${file} has the wrong dimensions.`);
    return new HnswVectorStore(dimensions, settings, index, deleted);
  }

  /** Vectors held, deleted ones included. */
  get count(): number {
    return this.index.getCurrentCount();
  }

  get deletedCount(): number {
    return this.deleted.size;
  }

  /** Live vectors. */
  get size(): number {
    return this.count - this.deleted.size;
  }

  /** Share of held vectors that are deleted: compaction is due when this passes a setting. */
  get deletedFraction(): number {
    return this.count === 0 ? 0 : this.deleted.size / this.count;
  }

  add(id: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions)
      throw new AppError(
        'INTERNAL',
        `Vector of length ${vector.length} given to a ${this.dimensions}-d index.`,
      );
    if (this.count >= this.index.getMaxElements())
      this.index.resizeIndex(Math.max(MIN_CAPACITY, this.index.getMaxElements() * 2));
    this.index.addPoint(Array.from(vector), id);
  }

  remove(id: number): void {
    if (this.deleted.has(id)) return;
    this.index.markDelete(id);
    this.deleted.add(id);
  }

  /** The stored (normalised) vector of a row, as hnswlib hands it over (no copy: this is hot). */
  vector(id: number): readonly number[] {
    return this.index.getPoint(id);
  }

  /** Live row ids. */
  ids(): number[] {
    return this.index.getIdsList().filter((id) => !this.deleted.has(id));
  }

  /** The k nearest live rows to `query`, most similar first. */
  search(query: ArrayLike<number>, k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    this.index.setEf(Math.max(this.settings.efSearch, n));
    const { neighbors, distances } = this.index.searchKnn(Array.from(query), n);
    return neighbors.map((id, i) => ({ id, score: 1 - (distances[i] as number) }));
  }

  /** A fresh store holding only live rows, renamed by `mapping` (identity when omitted). */
  compacted(mapping?: ReadonlyMap<number, number>): HnswVectorStore {
    const live = this.ids();
    const next = HnswVectorStore.create(this.dimensions, this.settings, live.length);
    for (const id of live) {
      const to = mapping === undefined ? id : mapping.get(id);
      if (to !== undefined) next.add(to, this.index.getPoint(id));
    }
    return next;
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }
}
