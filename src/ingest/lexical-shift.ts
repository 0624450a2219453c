/**
 * Topic change between two stretches of text, measured TextTiling-style as the cosine
 * similarity of their content-word counts. Used where line shape alone cannot tell a new
 * article's title from a sub-heading.
 */

const STOP_WORDS = new Set(
  'about after also been before being could first from have into more most only other over said should some such than that their them then there these they this three very were what when where which while will with would year years'.split(
    ' ',
  ),
);

/** Fewer content words than this on either side gives no evidence either way. */
const MIN_TERMS = 20;

function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
    if (STOP_WORDS.has(word)) continue;
    // A six-letter prefix is a crude stem: "recycling" and "recycled" meet.
    const stem = word.slice(0, 6);
    counts.set(stem, (counts.get(stem) ?? 0) + 1);
  }
  return counts;
}

const total = (counts: Map<string, number>): number =>
  [...counts.values()].reduce((a, b) => a + b, 0);

/** Cosine similarity of the two texts' content words, or undefined when either is too short. */
export function lexicalSimilarity(before: string, after: string): number | undefined {
  const a = termCounts(before);
  const b = termCounts(after);
  if (total(a) < MIN_TERMS || total(b) < MIN_TERMS) return undefined;
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [term, n] of a) {
    normA += n * n;
    dot += n * (b.get(term) ?? 0);
  }
  for (const n of b.values()) normB += n * n;
  return dot / Math.sqrt(normA * normB);
}
