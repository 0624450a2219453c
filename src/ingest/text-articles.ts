import { readLines, type Line } from './lines.js';

/** An article found in plain text: its first line is its title. */
export interface TextArticleSpan {
  title: string;
  start: number;
  end: number;
}

/** Longest line that can be a title; longer lines are body paragraphs. */
const MAX_TITLE = 200;
/** An article shorter than this is more likely a title block (title, subtitle, date, signature). */
const MIN_ARTICLE = 400;
/** How many lines ahead a repeated title line is looked for ("Title / Subtitle / Title"). */
const REPEAT_WINDOW = 12;

/** Lines that close an article: bylines, editor credits, links to an original. */
const CLOSING_LINE =
  /^(editor in charge|responsible editor|editor|source|original title|read the original text|\(the author is|\(note: this article)|^(our|[\w ]{0,40}) reporter [\p{L} ]{2,30}$|^intern [\p{L} ]{2,30}$/iu;

/** Numbered headings ("Chapter II", "Section 3", "IV.", "(2)", "Third,") head sections, not articles. */
export const ENUMERATED_HEADING =
  /^(chapter|section|part|article|annex|appendix)\s+([ivxlc]+|\d+|[a-z-]+)\b|^[(（]?([ivxlc]+|\d+|[a-z]|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen|[a-z]+ty(-[a-z]+)?)[.)）、,]\s|^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b|^第/i;

export const isTitleShaped = (line: Line): boolean =>
  line.text.length <= MAX_TITLE &&
  /^[\p{L}\p{N}"“'‘《【]/u.test(line.text) &&
  !/^\p{Ll}/u.test(line.text) &&
  !/[,;:，；：、]$/.test(line.text) &&
  !ENUMERATED_HEADING.test(line.text) &&
  !CLOSING_LINE.test(line.text);

/** Reasons a line starts a new article; each is a shape seen at article starts in news dumps. */
function startsArticle(lines: Line[], i: number): boolean {
  const line = lines[i] as Line;
  const prev = lines[i - 1] as Line;
  if (!isTitleShaped(line)) return false;
  if (line.blanksBefore >= 2) return true;
  if (CLOSING_LINE.test(prev.text)) return true;
  // Body paragraphs indented, then a flush-left line: the next article's title.
  if (!line.isIndented && prev.isIndented) return true;
  // A flush-left title above an indented body, after a flush-left article.
  const next = lines[i + 1];
  if (
    !line.isIndented &&
    !prev.isIndented &&
    next?.isIndented === true &&
    prev.text.length > MAX_TITLE
  )
    return true;
  // Titles are often repeated a line or two later, after a kicker or subtitle.
  for (let j = i + 1; j < Math.min(lines.length, i + REPEAT_WINDOW); j++) {
    if ((lines[j] as Line).text === line.text)
      return !lines.slice(Math.max(0, i - REPEAT_WINDOW), i).some((l) => l.text === line.text);
  }
  return false;
}

/**
 * Splits a plain text file holding many articles back to back into articles, by the shape of
 * its lines. Every character of the file belongs to exactly one article's [start, end) span,
 * except leading and trailing blank space.
 */
export function detectTextArticles(text: string): TextArticleSpan[] {
  const lines = readLines(text);
  if (lines.length === 0) return [];
  const starts: number[] = [0];
  for (let i = 1; i < lines.length; i++) {
    const sinceLast =
      (lines[i] as Line).start - (lines[starts[starts.length - 1] as number] as Line).start;
    if (sinceLast >= MIN_ARTICLE && startsArticle(lines, i)) starts.push(i);
  }
  return starts.map((first, k) => {
    const nextFirst = starts[k + 1];
    const last = lines[(nextFirst ?? lines.length) - 1] as Line;
    const head = lines[first] as Line;
    return { title: head.text.slice(0, MAX_TITLE), start: head.textStart, end: last.end };
  });
}
