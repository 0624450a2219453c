import { readLines, type Line } from './lines.js';
import { splitSentences } from './sentences.js';
import { CAPTION } from './text-articles.js';

/** A run of an article's text that shares one section heading (none before the first heading). */
export interface SectionBlock {
  section?: string;
  start: number;
  end: number;
}

/** A heading is a short line; body paragraphs and headings are told apart by length. */
const MAX_HEADING = 150;

const isHeadingShaped = (line: Line): boolean =>
  line.text.length <= MAX_HEADING &&
  !/[,;:，；：、]$/.test(line.text) &&
  !CAPTION.test(line.text) &&
  splitSentences(line.text).length === 1;

/** A line opening with a label ("(3)", "2.", "(two)") next to another such line is a list item. */
const LABELLED = /^[(（][^)）]{1,12}[)）]|^\d{1,2}[.、]\s/;

function isListItem(lines: Line[], i: number): boolean {
  const labelled = (k: number) => LABELLED.test(lines[k]?.text ?? '');
  return labelled(i) && (labelled(i - 1) || labelled(i + 1));
}

/** Heading lines: short single sentences standing over a longer paragraph or another heading. */
function markHeadings(lines: Line[]): boolean[] {
  const marks = new Array<boolean>(lines.length).fill(false);
  for (let i = lines.length - 2; i >= 0; i--) {
    const line = lines[i] as Line;
    const next = lines[i + 1] as Line;
    // A Markdown sub-heading is a heading whatever follows it.
    if (/^#{2,6}\s/.test(line.text)) {
      marks[i] = true;
      continue;
    }
    if (!isHeadingShaped(line) || isListItem(lines, i)) continue;
    marks[i] =
      next.text.length >= Math.max(1.5 * line.text.length, 100) || (marks[i + 1] as boolean);
  }
  return marks;
}

/**
 * Cuts an article's text (the first line being its title) into blocks by heading lines. The
 * section of a block is the last of the headings stacked above it: for "Rumor 3 / Bananas glow
 * in the dark. / <paragraphs>" the paragraphs' section is the rumor statement.
 */
export function splitSections(text: string): SectionBlock[] {
  const lines = readLines(text);
  const headings = markHeadings(lines);
  const blocks: SectionBlock[] = [];
  let current: SectionBlock = { start: 0, end: text.length };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (!headings[i]) continue;
    const prev = lines[i - 1] as Line;
    const stacked = i > 1 && headings[i - 1] === true && current.start === prev.textStart;
    if (!stacked) {
      current.end = line.textStart;
      blocks.push(current);
      current = { start: line.textStart, end: text.length };
    }
    // Markdown heading marks are markup, not part of the section's name.
    current.section = line.text.replace(/^#{1,6}\s+/, '');
  }
  blocks.push(current);
  return mergeShortBlocks(
    text,
    blocks.filter((b) => text.slice(b.start, b.end).trim().length > 0),
  );
}

/** A block shorter than this (a lone title, a date line) is not worth a passage of its own. */
const MIN_BLOCK = 150;

/** Joins each too-short block to the block after it (or, for the last one, before it). */
function mergeShortBlocks(text: string, blocks: SectionBlock[]): SectionBlock[] {
  const merged: SectionBlock[] = [];
  let pendingStart: number | undefined;
  for (const block of blocks) {
    const start = pendingStart ?? block.start;
    pendingStart = undefined;
    if (text.slice(start, block.end).trim().length < MIN_BLOCK) {
      pendingStart = start;
      continue;
    }
    merged.push({ ...block, start });
  }
  const last = merged[merged.length - 1];
  if (pendingStart !== undefined) {
    if (last === undefined) merged.push({ start: pendingStart, end: text.length });
    else last.end = text.length;
  }
  return merged;
}
