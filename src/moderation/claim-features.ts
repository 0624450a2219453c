import type { Citation } from '../types.js';
import type { Checker } from '../verdict/checker-types.js';
import { claimFigures } from './figure-agreement.js';
import type { ClaimFeatures } from './similarity.js';
import { claimGrams, isMostlyCjk } from './text-grams.js';
import type { SavedFeatures } from '../store/moderation-clusters.js';

export type { SavedFeatures };

/** How many retrieved passages stand for a claim in the passage-overlap signal. */
export const FEATURE_PASSAGES = 5;

/** The part of the checker that clustering needs, and a dictionary glosser for Chinese claims. */
export type FeatureSource = Pick<Checker, 'embed' | 'search'> & {
  /** Per word of a Chinese claim, the stems of its English dictionary renderings. */
  gloss?: (text: string) => Promise<string[][]>;
};

/** The keys ("source:start-end") of the spans a check result cited, for the cited signal. */
export const citedKeys = (citations: readonly Pick<Citation, 'source' | 'start' | 'end'>[]) =>
  citations.map((c) => `${c.source}:${c.start}-${c.end}`);

/**
 * What is read from the words alone, so never stored (restored features read it again): grams of
 * the text and, when the checker gave one, of its English query (for a Chinese claim a
 * translation; a Chinese and an English forward meet on the English grams), and the figures.
 */
function textPart(
  text: string,
  englishQuery?: string,
): Pick<ClaimFeatures, 'grams' | 'queryGrams' | 'isCjk' | 'figures'> {
  const query = englishQuery && englishQuery !== text ? englishQuery : undefined;
  const isCjk = isMostlyCjk(text);
  // Figures are read in English: a Chinese claim's only through its translation.
  const english = query ?? (isCjk ? undefined : text);
  return {
    grams: claimGrams(text),
    ...(query ? { queryGrams: claimGrams(query) } : {}),
    isCjk,
    ...(english ? { figures: claimFigures(english) } : {}),
  };
}

/** What the check already computed for the claim: its query vector and retrieved passages. */
export interface KnownSignals {
  embedding?: Float32Array;
  passages?: readonly Pick<Citation, 'source' | 'start'>[];
}

/** The passage-overlap signal's keys of retrieved passages, best first. */
const passageKeys = (found: readonly Pick<Citation, 'source' | 'start'>[]) =>
  found.slice(0, FEATURE_PASSAGES).map((p) => `${p.source}:${p.start}`);

/**
 * Builds a claim's features. `englishQuery` is the checker's normalised (for Chinese: translated)
 * English query when it gives one: its grams and embedding let a Chinese forward meet an English
 * one, which the English-only encoder cannot do on the Chinese text itself. `cited` are the keys
 * of the spans the claim's check result cited (`citedKeys`), when there is one. `known` signals
 * (the check's own vector and retrieval) are used instead of embedding and searching again.
 */
export async function claimFeatures(
  text: string,
  source: FeatureSource | undefined,
  englishQuery?: string,
  cited?: readonly string[],
  known: KnownSignals = {},
): Promise<ClaimFeatures> {
  const fromText = {
    ...textPart(text, englishQuery),
    ...(cited?.length ? { cited: [...cited] } : {}),
  };
  if (!source) return fromText;
  const [embedding, found, glossTerms] = await Promise.all([
    known.embedding ?? source.embed(englishQuery || text),
    known.passages ?? source.search(text, FEATURE_PASSAGES),
    fromText.isCjk && source.gloss ? source.gloss(text) : undefined,
  ]);
  return {
    ...fromText,
    embedding,
    passages: passageKeys(found),
    ...(glossTerms?.length ? { glossTerms } : {}),
  };
}

export function saveFeatures(features: ClaimFeatures, englishQuery?: string): SavedFeatures {
  return {
    // Five decimals keep cosines exact to 1e-4 and the stored JSON a third of the size.
    ...(features.embedding
      ? { embedding: Array.from(features.embedding, (v) => Math.round(v * 1e5) / 1e5) }
      : {}),
    ...(features.passages ? { passages: [...features.passages] } : {}),
    ...(englishQuery ? { englishQuery } : {}),
    ...(features.glossTerms ? { glossTerms: features.glossTerms.map((alts) => [...alts]) } : {}),
    ...(features.cited ? { cited: [...features.cited] } : {}),
  };
}

/** Rebuilds features saved by `saveFeatures` (same grams and flags as when first computed). */
export function restoreFeatures(text: string, saved: SavedFeatures): ClaimFeatures {
  return {
    ...textPart(text, saved.englishQuery),
    ...(saved.embedding ? { embedding: Float32Array.from(saved.embedding) } : {}),
    ...(saved.passages ? { passages: saved.passages } : {}),
    ...(saved.glossTerms ? { glossTerms: saved.glossTerms } : {}),
    ...(saved.cited ? { cited: saved.cited } : {}),
  };
}
