import type { Passage } from '../types.js';
import type { LoadedArticle, LoadedSource } from './loaded-source.js';
import { rawSpan } from './plain-view.js';
import { splitSections } from './sections.js';
import { splitSentences, type Span } from './sentences.js';

export interface PassageOptions {
  /** A passage is closed once it reaches this many characters (about 3-5 news sentences). */
  targetChars?: number;
  /** A passage grows past this only to take in a short closing remainder (< 100 characters). */
  maxChars?: number;
  /** Sentences repeated at the start of the next passage, so no fact loses its context. */
  overlapSentences?: number;
}

const DEFAULTS: Required<PassageOptions> = { targetChars: 500, maxChars: 800, overlapSentences: 1 };

/** The readable text of an article and how its offsets map back to the source text. */
interface ArticleText {
  text: string;
  toSource(span: Span): Span;
}

function articleText(loaded: LoadedSource, article: LoadedArticle): ArticleText {
  const plain = article.plain;
  if (plain !== undefined)
    return { text: plain.text, toSource: (s) => rawSpan(plain, s.start, s.end) };
  const offset = article.start;
  return {
    text: loaded.text.slice(article.start, article.end),
    toSource: (s) => ({ start: s.start + offset, end: s.end + offset }),
  };
}

/**
 * Cuts a sentence longer than `max` at clause breaks (or, failing that, spaces) so that no
 * passage is unboundedly long; numbers ("4,215.378") never hold a space, so they stay whole.
 */
export function splitLongSentence(text: string, span: Span, max: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > max) {
    const window = text.slice(start, start + max);
    const cut =
      lastBreak(window, /[;,:](?=\s)|[；，：、]/g) || Math.max(window.lastIndexOf(' '), 0);
    const end = cut > max / 4 ? start + cut : safeCut(text, start + max);
    pieces.push({ start, end });
    start = end;
    while (start < span.end && /\s/.test(text[start] as string)) start++;
  }
  if (span.end > start) pieces.push({ start, end: span.end });
  return pieces;
}

/** Moves a forced cut back so that it splits neither a number nor a surrogate pair. */
function safeCut(text: string, at: number): number {
  let end = at;
  const inside = (i: number) =>
    (/[\d.,]/.test(text[i - 1] ?? '') && /\d/.test(text[i] ?? '')) ||
    (/\d/.test(text[i - 1] ?? '') && /[.,%]/.test(text[i] ?? '')) ||
    /[\udc00-\udfff]/.test(text[i] ?? '');
  while (end > at - 40 && inside(end)) end--;
  return inside(end) ? at : end;
}

function lastBreak(window: string, pattern: RegExp): number {
  let last = 0;
  for (const m of window.matchAll(pattern)) last = m.index + 1;
  return last;
}

/** A sentence to pack, and whether it opens a paragraph (a natural place to start a passage). */
export interface Unit extends Span {
  opensParagraph: boolean;
}

/**
 * A passage that has reached this share of `targetChars` closes at the next paragraph break
 * rather than running into the next paragraph: passages then hold whole paragraphs more often.
 */
const PARAGRAPH_CLOSE_SHARE = 0.6;

/**
 * Packs consecutive sentences into passages of about `targetChars`, preferring paragraph
 * breaks; a passage cut inside a paragraph repeats its last sentence(s) in the next one.
 */
export function packSentences(units: Unit[], opts: Required<PassageOptions>): Span[][] {
  const groups: Span[][] = [];
  let current: Unit[] = [];
  let fresh = 0;
  const length = (spans: Span[]) =>
    spans.length === 0 ? 0 : (spans[spans.length - 1] as Span).end - (spans[0] as Span).start;
  for (const unit of units) {
    const atBreak =
      unit.opensParagraph && length(current) >= opts.targetChars * PARAGRAPH_CLOSE_SHARE;
    if (
      fresh > 0 &&
      (atBreak ||
        length(current) >= opts.targetChars ||
        unit.end - (current[0] ?? unit).start > opts.maxChars)
    ) {
      groups.push(current);
      const keep = unit.opensParagraph ? 0 : Math.min(opts.overlapSentences, current.length - 1);
      current = keep > 0 ? current.slice(-keep) : [];
      if (unit.end - (current[0] ?? unit).start > opts.maxChars) current = [];
      fresh = 0;
    }
    current.push(unit);
    fresh++;
  }
  if (fresh > 0) groups.push(current);
  return foldShortTail(groups, opts);
}

/** A closing passage adding fewer new characters than this ("[details]") joins the one before. */
const MIN_TAIL = 100;

function foldShortTail(groups: Span[][], opts: Required<PassageOptions>): Span[][] {
  if (groups.length < 2) return groups;
  const last = groups[groups.length - 1] as Span[];
  const prev = groups[groups.length - 2] as Span[];
  const prevEnd = (prev[prev.length - 1] as Span).end;
  const fresh = last.filter((s) => s.start >= prevEnd);
  const freshLength =
    (last[last.length - 1] as Span).end - ((fresh[0] as Span | undefined)?.start ?? prevEnd);
  const joined = (last[last.length - 1] as Span).end - (prev[0] as Span).start;
  if (freshLength >= MIN_TAIL || joined > opts.maxChars + MIN_TAIL) return groups;
  return [...groups.slice(0, -2), [...prev, ...fresh]];
}

/** Characters looked at to tell the script of an article. */
const CJK_SAMPLE = 600;

/** Whether most of the first characters (white space aside) are Chinese, Japanese or Korean. */
function isMostlyCjk(text: string): boolean {
  let cjk = 0;
  let visible = 0;
  for (let i = 0; i < Math.min(text.length, CJK_SAMPLE); i++) {
    const c = text.charCodeAt(i);
    if (c <= 32) continue;
    visible++;
    if (
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af)
    )
      cjk++;
  }
  return visible > 0 && cjk / visible > 0.3;
}

/**
 * Sizes for CJK text: a Chinese character carries about as much as two or three English ones
 * and costs an encoder a token or more, so passages of the same content are half as long.
 */
const cjkSizes = (opts: Required<PassageOptions>): Required<PassageOptions> => ({
  ...opts,
  targetChars: Math.round(opts.targetChars / 2),
  maxChars: Math.round(opts.maxChars / 2),
});

/** Sentences as packing units: overlong ones cut at clause breaks, paragraph openings marked. */
function toUnits(text: string, sentences: Span[], maxChars: number): Unit[] {
  return sentences.flatMap((sentence, i) => {
    const prev = sentences[i - 1];
    const opensParagraph =
      prev !== undefined && text.slice(prev.end, sentence.start).includes('\n');
    const pieces =
      sentence.end - sentence.start > maxChars
        ? splitLongSentence(text, sentence, maxChars)
        : [sentence];
    return pieces.map((piece, k) => ({ ...piece, opensParagraph: opensParagraph && k === 0 }));
  });
}

/**
 * Splits every article of a loaded source into passages of a few whole sentences. Passages
 * never cross an article or section boundary, and `loaded.text.slice(start, end) === text`.
 */
export function splitPassages(loaded: LoadedSource, options: PassageOptions = {}): Passage[] {
  const opts = { ...DEFAULTS, ...options };
  const passages: Passage[] = [];
  for (const article of loaded.articles) {
    const view = articleText(loaded, article);
    const sizes = isMostlyCjk(view.text) ? cjkSizes(opts) : opts;
    for (const block of splitSections(view.text)) {
      const units = toUnits(
        view.text,
        splitSentences(view.text.slice(block.start, block.end), block.start),
        sizes.maxChars,
      );
      for (const group of packSentences(units, sizes)) {
        const local = {
          start: (group[0] as Span).start,
          end: (group[group.length - 1] as Span).end,
        };
        const span = view.toSource(local);
        const text = loaded.text.slice(span.start, span.end);
        const plainText = view.text.slice(local.start, local.end);
        passages.push({
          docId: article.docId,
          title: article.title,
          ...(block.section === undefined ? {} : { section: block.section }),
          source: loaded.source,
          start: span.start,
          end: span.end,
          text,
          ...(plainText === text ? {} : { plainText }),
        });
      }
    }
  }
  return passages;
}
