/**
 * Sentence boundaries with exact offsets, for English and Chinese news text. The verdict layer
 * cites single sentences, so spans are trimmed and never cut a number, an abbreviation or a
 * quotation that ends a sentence.
 */

export interface Span {
  start: number;
  end: number;
}

/** Titles and words that are followed by a period but do not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'no', 'nos', 'vs', 'fig', 'figs',
  'gen', 'gov', 'sen', 'rep', 'rev', 'hon', 'capt', 'col', 'lt', 'sgt', 'art', 'vol', 'pp',
  'approx', 'dept', 'est', 'cf', 'al', 'ca', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'op', 'ed', 'eds', 'ch', 'sec', 'para',
]); // prettier-ignore

/** Abbreviations that often end a sentence too: they end one only before a capital letter. */
const SOFT_ABBREVIATIONS = new Set(['etc', 'inc', 'ltd', 'co', 'corp', 'bros', 'plc']);

const CJK_TERMINATORS = new Set(['。', '！', '？']);
const LATIN_TERMINATORS = new Set(['.', '!', '?', '…']);
/** Characters that may trail a terminator and still belong to the sentence. */
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '」', '』', '》', '）', '】']);

/** Sentence terminators, line breaks, and a lower-case letter glued to a capital. */
const CANDIDATE = /[.!?…。！？\n]|[a-z][A-Z]/;

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\u3000' || c === '\ufeff';
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isUpper = (c: string | undefined): boolean =>
  c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string | undefined): boolean =>
  c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
const isLetter = (c: string | undefined): boolean => isUpper(c) || isLower(c);

/** The word (letters and inner periods) that ends just before index `i`. */
function wordBefore(text: string, i: number): string {
  let j = i;
  while (j > 0 && (isLetter(text[j - 1]) || text[j - 1] === '.')) j--;
  return text.slice(j, i);
}

/** Decides whether a run of terminators ending at `end` (exclusive, after closers) ends a sentence. */
function endsSentence(text: string, runStart: number, end: number): boolean {
  const first = text[runStart];
  if (first === undefined) return false;
  if (CJK_TERMINATORS.has(first)) return true;
  const next = text[end];
  if (next === undefined || next === '\n') return true;
  if (first !== '.' || end - runStart > 1) {
    // '!', '?', an ellipsis or a closing quote: a new sentence starts unless lower case follows.
    if (!isSpace(next)) return CJK_TERMINATORS.has(text[end - 1] ?? '') || !isLetter(next);
    return !isLower(firstAfterSpaces(text, end));
  }
  // A single period.
  const before = wordBefore(text, runStart);
  if (!isSpace(next)) {
    // "efficiency.Efforts": a period glued to the next sentence; "3.5", "U.S." and "0333.HK" are not.
    return (
      before.length >= 3 &&
      !before.includes('.') &&
      isLower(before[before.length - 1]) &&
      isUpper(next) &&
      isLower(text[end + 1])
    );
  }
  const following = firstAfterSpaces(text, end);
  if (following === undefined || following === '\n') return true;
  if (isLower(following)) return false;
  const lower = before.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (SOFT_ABBREVIATIONS.has(lower)) return isUpper(following);
  // Initials ("J. K. Rowling") and dotted abbreviations ("U.S.", "a.m.").
  if (before.length === 1 && isUpper(before)) return false;
  if (before.includes('.')) return false;
  return true;
}

/** "1", "(iv)", "b", "Article 58": a list or clause label whose period does not end a sentence. */
const ENUMERATOR = /^[(（]?(\d{1,3}|[ivxlc]{1,5}|[a-z])[)）]?$|^\p{L}+ \d{1,3}$/iu;

const isEnumeratorOnly = (sentence: string): boolean => ENUMERATOR.test(sentence.trim());

/**
 * A heading run into its paragraph with no stop or space ("job objectiveBy 2020, ..."): a
 * lower-case word of 4+ letters glued to a capitalised one. Brand names (WeChat, iPhone) have
 * a capital or fewer letters before the glue.
 */
function isGluedHeading(text: string, i: number): boolean {
  const next = text.charCodeAt(i + 1);
  if (next < 65 || next > 90) return false; // A-Z
  const c = text.charCodeAt(i);
  if (c < 97 || c > 122 || !isLower(text[i + 2])) return false; // a-z
  let j = i;
  while (j > 0 && isLetter(text[j - 1])) j--;
  const word = text.slice(j, i + 1);
  return word.length >= 4 && word === word.toLowerCase();
}

function firstAfterSpaces(text: string, i: number): string | undefined {
  let j = i;
  while (j < text.length && isSpace(text[j])) j++;
  return text[j];
}

/** Pushes [start, end) trimmed of white space, when anything is left. */
function pushTrimmed(spans: Span[], text: string, start: number, end: number, offset: number) {
  let s = start;
  let e = end;
  while (s < e && (isSpace(text[s]) || text[s] === '\n')) s++;
  while (e > s && (isSpace(text[e - 1]) || text[e - 1] === '\n')) e--;
  if (e <= s) return;
  const last = spans[spans.length - 1];
  // A stray closing quote (`prospects. "`) belongs to the sentence before it.
  const sameLine = last !== undefined && !text.slice(last.end - offset, s).includes('\n');
  if (last !== undefined && sameLine && !HAS_WORD.test(text.slice(s, e))) last.end = e + offset;
  else spans.push({ start: s + offset, end: e + offset });
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/**
 * Splits `text` into trimmed sentence spans. Line breaks always end a sentence (titles and
 * captions stand on their own lines). Offsets are shifted by `offset`.
 */
export function splitSentences(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  let sentenceStart = 0;
  const n = text.length;
  // The regular expression skips ordinary text quickly: only these places can end a sentence.
  const candidates = new RegExp(CANDIDATE.source, 'g');
  for (let m = candidates.exec(text); m !== null; m = candidates.exec(text)) {
    const i = m.index;
    const c = text[i] as string;
    if (c === '\n') {
      pushTrimmed(spans, text, sentenceStart, i, offset);
      sentenceStart = i + 1;
      continue;
    }
    if (m[0].length === 2) {
      if (isGluedHeading(text, i)) {
        pushTrimmed(spans, text, sentenceStart, i + 1, offset);
        sentenceStart = i + 1;
      }
      candidates.lastIndex = i + 1;
      continue;
    }
    if (c === '.' && isDigit(text[i - 1]) && isDigit(text[i + 1])) continue; // 3.5, 4,215.378
    // Take the whole run of terminators ("?!", "...", "。”") and the closers that follow.
    const runStart = i;
    let end = i + 1;
    while (end < n && (LATIN_TERMINATORS.has(text[end] as string) || CJK_TERMINATORS.has(text[end] as string) || (text[end] === ' ' && text[end + 1] === '…'))) end++; // prettier-ignore
    while (end < n && CLOSERS.has(text[end] as string)) end++;
    // A quote mark set apart by spaces on both sides (`prospects. " Su Jian said`) closes.
    if (
      text[end] === ' ' &&
      (text[end + 1] === '"' || text[end + 1] === '”') &&
      /^\s|^$/.test(text.slice(end + 2, end + 3))
    )
      end += 2;
    if (
      endsSentence(text, runStart, end) &&
      !isEnumeratorOnly(text.slice(sentenceStart, runStart))
    ) {
      pushTrimmed(spans, text, sentenceStart, end, offset);
      sentenceStart = end;
    }
    candidates.lastIndex = end;
  }
  pushTrimmed(spans, text, sentenceStart, n, offset);
  return spans;
}
