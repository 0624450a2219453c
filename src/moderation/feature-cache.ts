import type { Logger } from '../logger.js';
import type { CheckResult } from '../types.js';
import type { CheckTrace } from '../verdict/checker-types.js';
import {
  citedKeys,
  claimFeatures,
  type FeatureSource,
  type KnownSignals,
} from './claim-features.js';
import type { ClaimFeatures } from './similarity.js';

/** Distinct claim texts whose features are kept. */
const RECENT_FEATURES = 1000;

/**
 * A claim's clustering features, computed once: by result object (screening, then recording the
 * same answer) and by text (the stored copy of a result, repeats of a viral claim). Bounded,
 * oldest out first.
 */
export class FeatureCache {
  private readonly byResult = new WeakMap<object, ClaimFeatures>();
  private readonly byText = new Map<string, ClaimFeatures>();

  constructor(
    private readonly deps: {
      logger: Logger;
      /** The checker's embed and search; without it features are lexical only. */
      source?: FeatureSource;
      /** English rendering of a Chinese claim when the check result carries none. */
      translate?: (text: string) => string | undefined;
    },
  ) {}

  /** The checker's English query for the claim, else a translation when one is configured. */
  englishQuery(text: string, result?: CheckResult): string | undefined {
    const query = result?.englishQuery?.trim();
    return query ? query : this.deps.translate?.(text);
  }

  /** Features of a text with no check result; lexical only when the checker cannot help. */
  async compute(
    text: string,
    englishQuery?: string,
    cited?: readonly string[],
    known?: KnownSignals,
  ): Promise<ClaimFeatures> {
    try {
      return await claimFeatures(text, this.deps.source, englishQuery, cited, known);
    } catch (err) {
      this.deps.logger.warn({ err }, 'claim features fell back to lexical only');
      return claimFeatures(text, undefined, englishQuery, cited);
    }
  }

  /**
   * Features of an answered claim, from the cache when this result or text was seen; with the
   * check's trace, its query vector and retrieved passages stand in for a second embed and search.
   */
  async of(text: string, result: CheckResult, trace?: CheckTrace): Promise<ClaimFeatures> {
    const cached = this.byResult.get(result) ?? this.byText.get(text);
    if (cached) return cached;
    const known: KnownSignals = trace
      ? {
          ...(trace.queryVector ? { embedding: trace.queryVector } : {}),
          passages: trace.retrieved,
        }
      : {};
    const query = this.englishQuery(text, result);
    const features = await this.compute(text, query, machineCited(result), known);
    this.byResult.set(result, features);
    // Lexical-only features (checker still loading) are not kept: they would outlive the reason.
    if (features.embedding) {
      this.byText.set(text, features);
      if (this.byText.size > RECENT_FEATURES) {
        this.byText.delete(this.byText.keys().next().value!);
      }
    }
    return features;
  }

  /** Remembers the features of a result derived from another (a screened copy). */
  remember(result: CheckResult, features: ClaimFeatures): void {
    this.byResult.set(result, features);
  }
}

/**
 * Keys of the spans the machine's answer cited; none when a reviewed answer replaced it (its
 * citations are the moderator's choice, not what the checker found for this text).
 */
function machineCited(result: CheckResult): string[] | undefined {
  if (result.reviewed?.kind === 'curated') return undefined;
  return citedKeys(result.citations);
}
