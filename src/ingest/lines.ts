/** One line of a text file, with the shape features the article and section heuristics read. */
export interface Line {
  /** Offset of the first character and of the line end (before the line break). */
  start: number;
  end: number;
  /** The line without leading and trailing white space. */
  text: string;
  /** Offset of the first non-space character. */
  textStart: number;
  isIndented: boolean;
  /** Blank lines directly before this one. */
  blanksBefore: number;
}

const LEADING_SPACE = /^[\s\ufeff\u3000]*/;

/** The non-blank lines of `text` within [from, to). */
export function readLines(text: string, from = 0, to = text.length): Line[] {
  const lines: Line[] = [];
  let blanks = 0;
  let pos = from;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > to) nl = to;
    const raw = text.slice(pos, nl);
    const lead = LEADING_SPACE.exec(raw)?.[0].length ?? 0;
    const trimmed = raw.slice(lead).trimEnd();
    if (trimmed.length === 0) {
      blanks++;
    } else {
      lines.push({
        start: pos,
        end: pos + raw.replace(/\r$/, '').length,
        text: trimmed,
        textStart: pos + lead,
        isIndented: /[ \t\u3000]/.test(raw.slice(0, lead)),
        blanksBefore: blanks,
      });
      blanks = 0;
    }
    pos = nl + 1;
  }
  return lines;
}
