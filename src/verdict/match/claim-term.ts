/**
 * A topic word of a claim and the ways the documents may say it: each alternative is a list of
 * stems that must all occur (a phrase); `prefixes` match the start of a word (transliterated
 * Chinese names: "meilan" finds "Meilanli").
 */
export interface ClaimTerm {
  label: string;
  alts: string[][];
  prefixes: string[];
  /** A name (capitalised, or a transliterated Chinese proper noun): a swap decides a verdict. */
  isEntity: boolean;
  /** Multiplies the term's IDF weight (uncertain translations count less). */
  scale: number;
  /** Came from a dictionary translation (Chinese): unseen renderings are likely noise. */
  translated?: boolean;
  /**
   * A foreign name written in Chinese characters by its sound: its consonant keys (zh/sounds.ts,
   * one per reading of its characters), met against the documents' English names.
   */
  sounds?: string[];
  /** Stems of antonyms the documents use ("hire" → "fire"). */
  antonyms?: string[];
}
