import { porter2Stem as stem } from '../text/porter2.js';

/** A sparse bag of lexical features (word stems and character n-grams) with counts. */
export type GramBag = ReadonlyMap<string, number>;

/** Han, kana and hangul characters: written without spaces, so they are compared by characters. */
const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/**
 * Words that carry no claim (function words and the "share this" noise of viral forwards).
 * Generic English only: nothing here names a topic.
 */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from into about as is are was were be been ' +
    'being it its this that these those there their they them he she his her we you your our i me ' +
    'my do does did has have had not no yes so than then too very just can could will would should ' +
    'may might must what which who whom whose how why when where all any some more most such only ' +
    'own same also now really true share forward friends everyone warning breaking urgent read ' +
    'please before deleted'
  ).split(' '),
);

/** Lower-cases, unifies width (NFKC) and turns everything but letters and digits into spaces. */
export function normaliseClaimText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Lexical features of a claim: stems of content words and character trigrams inside them for
 * alphabetic text (so "fastest"/"fast" still overlap), character unigrams and bigrams for CJK.
 */
export function claimGrams(text: string): GramBag {
  const bag = new Map<string, number>();
  const add = (gram: string) => bag.set(gram, (bag.get(gram) ?? 0) + 1);
  for (const run of normaliseClaimText(text).split(' ')) {
    if (run === '') continue;
    if (CJK.test(run)) {
      const chars = [...run];
      for (let i = 0; i < chars.length; i++) {
        add(`c:${chars[i]}`);
        if (i + 1 < chars.length) add(`c:${chars[i]}${chars[i + 1]}`);
      }
      continue;
    }
    if (STOPWORDS.has(run)) continue;
    const word = /^\p{N}+$/u.test(run) ? run : stem(run);
    add(`w:${word}`);
    const padded = `_${word}_`;
    if (padded.length > 4)
      for (let i = 0; i + 3 <= padded.length; i++) add(`t:${padded.slice(i, i + 3)}`);
  }
  return bag;
}

/** A bag's grams in sorted order with their weights (1 + log count), scaled to unit length. */
interface UnitWeights {
  grams: string[];
  weights: Float64Array;
}

/** Made once per bag: clustering compares one claim with every member of every cluster. */
const UNIT_WEIGHTS = new WeakMap<GramBag, UnitWeights>();

function unitWeights(bag: GramBag): UnitWeights {
  let unit = UNIT_WEIGHTS.get(bag);
  if (!unit) {
    const grams = [...bag.keys()].sort();
    const weights = Float64Array.from(grams, (g) => 1 + Math.log(bag.get(g)!));
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
    if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i]! /= norm;
    unit = { grams, weights };
    UNIT_WEIGHTS.set(bag, unit);
  }
  return unit;
}

/**
 * Cosine similarity of two bags with sublinear (1 + log) counts; 0 when either is empty. A merge
 * of the two sorted gram lists: string hashing per lookup was most of a pair's cost.
 */
export function gramCosine(a: GramBag, b: GramBag): number {
  const x = unitWeights(a);
  const y = unitWeights(b);
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < x.grams.length && j < y.grams.length) {
    const g = x.grams[i]!;
    const h = y.grams[j]!;
    if (g === h) dot += x.weights[i++]! * y.weights[j++]!;
    else if (g < h) i++;
    else j++;
  }
  return dot;
}

/** True when most letters of the text are CJK: the English-only encoder is weak on such text. */
export function isMostlyCjk(text: string): boolean {
  let cjk = 0;
  let letters = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (CJK.test(ch)) cjk++;
    }
  }
  return letters > 0 && cjk / letters > 0.5;
}
