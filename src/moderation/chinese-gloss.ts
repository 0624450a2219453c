import { hasCjk } from '../index/tokenize.js';
import { loadChineseTools } from '../verdict/zh/dictionary.js';
import { translateChinese } from '../verdict/zh/translate.js';

/**
 * Per word of a Chinese claim, the stems of all its English dictionary renderings (CC-CEDICT, as
 * the checker translates), and each number as itself: what an English forward of the same rumor
 * is compared with, beyond the one-gloss translation.
 */
export async function glossChinese(text: string): Promise<string[][]> {
  const translation = translateChinese(text, await loadChineseTools());
  // English renderings only: a forward is compared in English (the terms also carry the Chinese).
  const words = translation.terms.map((term) => [
    ...new Set(term.alts.flat().filter((stem) => !hasCjk(stem))),
  ]);
  for (const n of translation.english.match(/\d[\d.]*/g) ?? []) words.push([n]);
  return words;
}
