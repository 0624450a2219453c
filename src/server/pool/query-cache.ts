import type { CheckResult } from '../../types.js';
import type { CheckTrace } from '../../verdict/checker-types.js';

/** A check's result and trace, as the checker gave them for the index version named. */
export interface CachedCheck {
  result: CheckResult;
  trace?: CheckTrace;
  indexVersion: string;
}

export interface QueryCacheOptions {
  maxEntries: number;
  maxBytes: number;
}

interface Entry extends CachedCheck {
  bytes: number;
}

/**
 * The cache key of a claim: the text with surrounding and repeated whitespace collapsed, which
 * the checker ignores anyway. Nothing more is folded (case, width, punctuation), because the
 * checker reads those and a hit must answer what a check would.
 */
export const claimKey = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** Rough memory of an entry: its JSON in UTF-16 plus the query vector. */
function sizeOf(entry: CachedCheck): number {
  const json =
    JSON.stringify(entry.result).length + JSON.stringify(entry.trace?.retrieved ?? []).length;
  return 2 * json + (entry.trace?.queryVector?.byteLength ?? 0);
}

/**
 * Viral claims repeat: normalised claim text -> the check's result and trace (its query vector
 * and retrieved passages, which clustering reuses). Least recently used entries leave first once
 * either bound is passed. Entries of another index version never answer; `invalidate` empties it.
 */
export class QueryCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly options: QueryCacheOptions) {}

  get size(): number {
    return this.entries.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** Whether a claim would be answered from the cache (without counting a hit or miss). */
  has(text: string, indexVersion: string): boolean {
    return this.entries.get(claimKey(text))?.indexVersion === indexVersion;
  }

  get(text: string, indexVersion: string): CachedCheck | undefined {
    const key = claimKey(text);
    const entry = this.entries.get(key);
    if (entry?.indexVersion !== indexVersion) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Most recently used last: the map's order is the eviction order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(text: string, check: CachedCheck): void {
    if (this.options.maxEntries === 0) return;
    const key = claimKey(text);
    this.remove(key);
    const entry: Entry = { ...check, bytes: sizeOf(check) };
    if (entry.bytes > this.options.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    while (this.entries.size > this.options.maxEntries || this.bytes > this.options.maxBytes) {
      this.remove(this.entries.keys().next().value!);
    }
  }

  /** Forgets every entry (the index changed, or a moderator reviewed an answer). */
  invalidate(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
