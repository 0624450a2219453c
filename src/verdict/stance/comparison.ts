import { STOPWORDS, stemWord } from '../text/terms.js';

/** Comparative words by direction: "more" raises its subject over the other side, "less" lowers it. */
const UP = new Set([
  'more', 'higher', 'faster', 'larger', 'bigger', 'greater', 'better', 'wider', 'longer',
  'stronger', 'richer', 'older', 'later', 'above', 'ahead', 'surpassed', 'surpasses', 'overtook',
  'outpaced', 'exceeded', 'exceeds', 'outnumbered', 'beat',
]); // prettier-ignore
const DOWN = new Set([
  'less', 'fewer', 'lower', 'slower', 'smaller', 'worse', 'narrower', 'shorter', 'weaker',
  'poorer', 'younger', 'earlier', 'below', 'behind', 'trailed', 'lagged',
]); // prettier-ignore
/** Words after which the other side follows: "faster than X", "surpassed X", "ahead of X". */
const THAN = new Set(['than', 'of']);

/** One side compared with another: who is above whom. */
export interface Comparison {
  /** Content stems said of the side that comes out higher. */
  higher: Set<string>;
  /** Content stems said of the side that comes out lower. */
  lower: Set<string>;
}

/** Content words read after the comparative: the other side is named right there. */
const SIDE = 3;
/** Words after a comparative within which its "than" may come. */
const REACH = 4;

/** Words of when and how often, on both sides of most comparisons ("in the first three quarters"). */
const PERIOD =
  /^(first|second|third|last|time|times|years?|quarters?|months?|half|one|two|three|four|period|percentage|points?|percent)$/;

const stems = (words: string[]): Set<string> =>
  new Set(
    words
      .filter(
        (w) => w.length > 1 && !STOPWORDS.has(w) && !UP.has(w) && !DOWN.has(w) && !PERIOD.test(w),
      )
      .map(stemWord),
  );

/**
 * The comparisons a text states, each with the words of its two sides: "A grew faster than B"
 * puts A above B; "B trailed A" the same. Sides are the clause's content words before the
 * comparative and the few after it (past "than").
 */
export function comparisons(text: string): Comparison[] {
  const out: Comparison[] = [];
  // A decimal point ("2.5 points faster") does not end a clause.
  for (const clause of text.toLowerCase().split(/[,;:!?，。；：！？()]|\.(?!\d)/)) {
    const words = clause.match(/[a-z][a-z'’-]*/g) ?? [];
    words.forEach((w, i) => {
      const up = UP.has(w);
      if (!up && !DOWN.has(w)) return;
      // "Than" may come a few words on ("grew faster in real terms than B"); those words belong
      // to neither side.
      let k = i + 1;
      while (k < words.length && k <= i + REACH && !THAN.has(words[k]!)) k++;
      const after = THAN.has(words[k] ?? '') ? k + 1 : i + 1;
      // "more than 200": a bound on a figure, not two sides.
      if (new RegExp(`\\b${w}\\s+(?:(?:than|of)\\s+)?\\d`).test(clause)) return;
      const left = stems(words.slice(0, i));
      // The other side is named by the first content words after "than" ("than that of B").
      const right = new Set([...stems(words.slice(after))].slice(0, SIDE));
      if (left.size === 0 || right.size === 0) return;
      out.push(up ? { higher: left, lower: right } : { higher: right, lower: left });
    });
  }
  return out;
}

const common = (a: Set<string>, b: Set<string>): number => [...a].filter((x) => b.has(x)).length;

/**
 * Whether the sentence ranks the claim's two sides the other way round: what the claim puts
 * lower (the side after "than", which names the thing) is on the sentence's higher side, and what
 * the sentence puts lower is on the claim's higher side ("Northport grew faster than Eastvale"
 * against "Eastvale's growth outpaced Northport's").
 */
export function comparisonReversed(claim: string, sentence: string): boolean {
  const said = comparisons(sentence);
  return comparisons(claim).some((c) =>
    said.some(
      (s) =>
        common(c.lower, s.higher) > common(c.lower, s.lower) &&
        common(s.lower, c.higher) > common(s.lower, c.lower),
    ),
  );
}
