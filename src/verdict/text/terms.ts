import { hasCjk, tokenize } from '../../index/tokenize.js';
import { porter2Stem } from '../../text/porter2.js';

/** A word of English text with its position, lower-case form and Porter2 stem. */
export interface WordToken {
  text: string;
  lower: string;
  stem: string;
  start: number;
  end: number;
}

/** Function words that carry no topic: they neither find evidence nor decide a verdict. */
export const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be been before being below
  between both but by can could did do does doing down during each few for from further had has
  have having he her here hers herself him himself his how i if in into is it its itself just me
  more most my myself nor of off on once only or other our ours ourselves out over own same she
  should so some such than that the their theirs them themselves then there these they this those
  through to too under until up very was we were what when where which while who whom why will
  with would you your yours yourself yourselves s t don now ll re ve d m o y ain isn aren wasn
  weren hasn haven hadn doesn didn won wouldn shouldn couldn mustn needn shan may might must shall
  not no never none nothing neither cannot any anyone anything something someone yet still
  whether according said says say told well even many much per via among amongst upon within
  without its it's let lets like one ones get got make made use used using way ways thing things
  really already`.split(/\s+/),
);

const WORD = /[A-Za-z][A-Za-z'’]*/g;

/** British spellings in their American form, so "organisation" meets "organization". */
function americanSpelling(word: string): string {
  return word
    .replace(/is(e|ed|es|ing|ation|ations)$/, 'iz$1')
    .replace(/our$/, 'or')
    .replace(/ours$/, 'ors')
    .replace(/tre$/, 'ter');
}

/** The Porter2 stem of a lower-case word, with possessives dropped and spelling unified. */
export function stemWord(lower: string): string {
  return porter2Stem(americanSpelling(lower.replace(/['’]s?$/, '')));
}

/** Every word of `text` (letters only; numbers are handled by the quantity extractor). */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase().replace(/['’]s?$/, '');
    if (lower.length === 0) continue;
    out.push({
      text: m[0],
      lower,
      stem: stemWord(lower),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/** Words that carry topic: not stopwords, at least two letters. */
export function contentTokens(text: string): WordToken[] {
  return wordTokens(text).filter((t) => t.lower.length > 1 && !STOPWORDS.has(t.lower));
}

/**
 * The Chinese words of a text, as the index reads them (its tokens in Chinese script: jieba's
 * search mode, words and the words inside them, 电动公交车 also 公交车 and 公交; no function words).
 * A Chinese claim's terms carry their Chinese words beside their English glosses, so they meet
 * Chinese documents in them.
 */
export function chineseWords(text: string): string[] {
  return hasCjk(text) ? [...new Set(tokenize(text).filter(hasCjk))] : [];
}

/** The set of content stems of a text. */
export function contentStems(text: string): Set<string> {
  return new Set(contentTokens(text).map((t) => t.stem));
}
