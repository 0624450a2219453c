import { createRequire } from 'node:module';
import { porter2Stem } from '../text/porter2.js';
import { CHINESE_STOP_WORDS, ENGLISH_STOP_WORDS } from './stop-words.js';

// jieba's Node build is CommonJS and compiles its WebAssembly synchronously on require, which is
// why it is loaded with require, and only when Chinese text shows up.
const require = createRequire(import.meta.url);
type Jieba = {
  cut(text: string, hmm?: boolean): string[];
  cut_for_search(text: string, hmm?: boolean): string[];
};
let jieba: Jieba | undefined;
const loadJieba = (): Jieba => (jieba ??= require('jieba-wasm') as Jieba);

/** The token a percent sign becomes, so "12.4%" also matches "12.4 percent". */
export const PERCENT_TOKEN = 'percent';

export interface TokenizeOptions {
  /** Keep stop words (phrase-level matching wants them; BM25 does not). Default false. */
  keepStopWords?: boolean;
  /** Apply Porter2 stemming to Latin-script words. Default true. */
  stem?: boolean;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /(\p{Script=Han}+)/u;
/** Numbers with thousands separators; plain numbers; words (letters, marks, digits, inner apostrophes); %. */
const TOKEN =
  /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}]+)*|%/gu;
const NUMBER = /^\d[\d,]*(?:\.\d+)?$/;

/** Whether text contains Chinese characters (the only case that loads the segmenter). */
export function hasCjk(text: string): boolean {
  return HAN.test(text);
}

/** "4,215.378" -> "4215.378", "18.70" -> "18.7", "5.0" -> "5": one spelling per value. */
export function normalizeNumber(raw: string): string {
  const plain = raw.replace(/,/g, '');
  if (!plain.includes('.')) return plain;
  return plain.replace(/\.?0+$/, '');
}

/** Porter2 stem of a lower-case word; words with digits ("h1n1", "covid19") stay whole. */
export function stemWord(word: string): string {
  return /\d/.test(word) ? word : porter2Stem(word);
}

export function isStopWord(word: string): boolean {
  return ENGLISH_STOP_WORDS.has(word) || CHINESE_STOP_WORDS.has(word);
}

/** Segments a run of Chinese characters into words (jieba, search mode: words and their parts). */
export function segmentChinese(run: string): string[] {
  return loadJieba()
    .cut_for_search(run, true)
    .filter((w) => HAN.test(w));
}

/** Segments Chinese text into words, each once (jieba's precise mode; other characters pass through). */
export function cutChinese(text: string): string[] {
  return loadJieba().cut(text, true);
}

function pushWord(out: string[], word: string, opts: Required<TokenizeOptions>): void {
  if (NUMBER.test(word)) {
    out.push(normalizeNumber(word));
    return;
  }
  if (word.length < 2 && !/\d/.test(word)) return;
  if (!opts.keepStopWords && ENGLISH_STOP_WORDS.has(word)) return;
  out.push(opts.stem ? stemWord(word) : word);
}

/**
 * Lexical tokens of text for BM25 and term matching: NFKC-folded and lower-cased, English
 * words Porter2-stemmed without stop words, numbers normalised and kept, "%" as `percent`, and
 * Chinese segmented into words. Pure and synchronous.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const opts = { keepStopWords: false, stem: true, ...options };
  const folded = text.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'");
  const out: string[] = [];
  // Han runs go to the segmenter; the rest (which may sit inside them: "GDP增长12.4%") to the regex.
  const parts = hasCjk(folded) ? folded.split(HAN_RUN) : [folded];
  for (const part of parts) {
    if (part === '') continue;
    if (HAN.test(part)) {
      for (const w of segmentChinese(part))
        if (opts.keepStopWords || !CHINESE_STOP_WORDS.has(w)) out.push(w);
      continue;
    }
    for (const match of part.matchAll(TOKEN)) {
      if (match[0] === '%') out.push(PERCENT_TOKEN);
      else pushWord(out, match[0], opts);
    }
  }
  return out;
}
