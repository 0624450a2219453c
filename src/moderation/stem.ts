import { createRequire } from 'node:module';

// wink-porter2-stemmer is CommonJS without type declarations; this is its whole surface.
const require = createRequire(import.meta.url);
const porter2 = require('wink-porter2-stemmer') as (word: string) => string;

/** The Porter2 (Snowball English) stem of a lower-case word. */
export function stem(word: string): string {
  return porter2(word);
}
