import { createRequire } from 'node:module';

// wink-porter2-stemmer is CommonJS without type declarations; this is its whole surface.
const require = createRequire(import.meta.url);
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

// Porter2 costs microseconds a word and vocabularies are small: memoise (bounded, reset when full).
const CACHE_SIZE = 200_000;
const stems = new Map<string, string>();

/** The Porter2 (Snowball English) stem of a lower-case word; the one wrapper of the stemmer. */
export function porter2Stem(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    if (stems.size >= CACHE_SIZE) stems.clear();
    stem = porter2(word);
    stems.set(word, stem);
  }
  return stem;
}
