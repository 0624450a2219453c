import { lexicalSimilarity } from './lexical-shift.js';
import { readLines, type Line } from './lines.js';

/** An article found in plain text: its first line is its title. */
export interface TextArticleSpan {
  title: string;
  start: number;
  end: number;
}

/** Longest line that can be a title; longer lines are body paragraphs. */
const MAX_TITLE = 200;
/**
 * An article shorter than this is more likely a title block (title, subtitle, date, signature);
 * after the strongest cues (two blank lines, a byline) a short news brief is believable.
 */
const MIN_ARTICLE = 400;
const MIN_ARTICLE_AFTER_STRONG_CUE = 150;
/** How many lines ahead a repeated title line is looked for ("Title / Subtitle / Title"). */
const REPEAT_WINDOW = 12;
/** A paragraph line at least this long is body text, not a title block. */
const MIN_BODY_LINE = 150;
/** Characters compared on each side of a candidate title. */
const SHIFT_WINDOW = 2500;
/**
 * Below this similarity the text on either side of a flush-left title is about something else.
 * Measured on the seeds: true article starts scored 0.03-0.10, sub-headings 0.12-0.73.
 */
const NEW_TOPIC_SIMILARITY = 0.1;

/** Lines that close an article: bylines, editor credits, links to an original. */
const CLOSING_LINE =
  /^(editor in charge|responsible editor|editor|source|original title|read the original text|\(the author is|\(note: this article)|^(our|[\w ]{0,40}) reporter [\p{L} ]{2,30}(?<!photo)$|^intern [\p{L} ]{2,30}$/iu;

const NUMBER_WORD =
  '(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(thir|four|fif|six|seven|eigh|nine)teen|(twen|thir|for|fif|six|seven|eigh|nine)ty(-[a-z]+)?)';
const ORDINAL = '(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)';

/** Numbered headings ("Chapter II", "Section 3", "IV.", "(2)", "Third,") head sections, not articles. */
export const ENUMERATED_HEADING = new RegExp(
  [
    `^(chapter|section|part|article|annex|appendix)\\s+([ivxlc]+|\\d+|${NUMBER_WORD})\\b`,
    `^[(（]?([ivxlc]+|\\d+|[a-z]|${NUMBER_WORD})[.)）、,]\\s`,
    `^${ORDINAL}[,.、]`,
    '^第',
  ].join('|'),
  'i',
);

/** Picture captions and credits: short lines that are neither titles nor headings. */
export const CAPTION = /\b(photos?|pictures?|images?|click)\b|摄$|^图[：:为片]|图片来源/i;

export const isTitleShaped = (line: Line): boolean =>
  line.text.length <= MAX_TITLE &&
  !CAPTION.test(line.text) &&
  /^[\p{L}\p{N}"“'‘《【]/u.test(line.text) &&
  !/^\p{Ll}/u.test(line.text) &&
  !/[,;:，；：、]$/.test(line.text) &&
  !ENUMERATED_HEADING.test(line.text) &&
  !CLOSING_LINE.test(line.text);

/**
 * How strongly a line looks like the start of a new article (0: not at all). Each reason is a
 * shape seen at article starts in news dumps; the strong ones rarely occur inside an article.
 */
function startStrength(text: string, lines: Line[], i: number): number {
  const line = lines[i] as Line;
  const prev = lines[i - 1] as Line;
  if (!isTitleShaped(line)) return 0;
  if (line.blanksBefore >= 2 || CLOSING_LINE.test(prev.text) || isRepeatedBelow(lines, i)) return 3;
  // Body paragraphs indented, then a flush-left line: the next article's title.
  if (!line.isIndented && prev.isIndented) return 2;
  if (line.isIndented || prev.text.length < MIN_BODY_LINE) return 0;
  // A flush-left title above an indented body, after a flush-left article.
  if (lines[i + 1]?.isIndented === true && prev.text.length > MAX_TITLE) return 2;
  // Same indentation on both sides: only a change of vocabulary tells an article from a sub-heading.
  const similarity = lexicalSimilarity(
    text.slice(Math.max(0, line.start - SHIFT_WINDOW), line.start),
    text.slice(line.start, line.start + SHIFT_WINDOW),
  );
  return similarity !== undefined && similarity < NEW_TOPIC_SIMILARITY ? 1 : 0;
}

/** Titles are often repeated a line or two later, after a kicker or subtitle. */
function isRepeatedBelow(lines: Line[], i: number): boolean {
  const text = (lines[i] as Line).text;
  const window = (from: number, to: number) =>
    lines.slice(Math.max(0, from), to).some((l) => l.text === text);
  return window(i + 1, i + REPEAT_WINDOW) && !window(i - REPEAT_WINDOW, i);
}

/** A first line too long to be a title is cut at a word boundary and marked as cut. */
function shortTitle(line: string): string {
  if (line.length <= MAX_TITLE) return line;
  const cut = line.lastIndexOf(' ', MAX_TITLE - 1);
  return `${line.slice(0, cut > MAX_TITLE / 2 ? cut : MAX_TITLE - 1)}…`;
}

/** Index of the first item whose offset exceeds `offset` (items sorted by offset). */
function insertionPoint(items: { offset: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid] as { offset: number }).offset <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Splits a plain text file holding many articles back to back into articles, by the shape of
 * its lines. Candidate starts are taken strongest first, each only when it leaves at least
 * MIN_ARTICLE characters to the articles on both sides. Articles cover the file in order; only
 * blank space lies between them.
 */
export function detectTextArticles(text: string): TextArticleSpan[] {
  const lines = readLines(text);
  if (lines.length === 0) return [];
  const candidates = lines
    .map((line, i) => ({
      i,
      offset: line.start,
      strength: i === 0 ? 0 : startStrength(text, lines, i),
    }))
    .filter((c) => c.strength > 0)
    .sort((a, b) => b.strength - a.strength || a.i - b.i);
  // Accepted starts, kept sorted by offset so each candidate finds its neighbours by bisection.
  const accepted = [{ i: 0, offset: 0 }];
  for (const c of candidates) {
    const k = insertionPoint(accepted, c.offset);
    const before = (accepted[k - 1] as { offset: number }).offset;
    const after = accepted[k]?.offset ?? text.length;
    const min = c.strength >= 3 ? MIN_ARTICLE_AFTER_STRONG_CUE : MIN_ARTICLE;
    if (c.offset - before >= min && after - c.offset >= min) accepted.splice(k, 0, c);
  }
  const starts = accepted.map((a) => a.i);
  return starts.map((first, k) => {
    const nextFirst = starts[k + 1];
    const last = lines[(nextFirst ?? lines.length) - 1] as Line;
    const head = lines[first] as Line;
    return { title: shortTitle(head.text), start: head.textStart, end: last.end };
  });
}
