import type { ScoredPassage } from '../types.js';

/** A found passage as the API shows it; `quote` is the passage text, its exact source slice. */
export function quotedSpan(p: ScoredPassage) {
  return {
    docId: p.docId,
    title: p.title,
    source: p.source,
    start: p.start,
    end: p.end,
    quote: p.text,
    score: p.score,
  };
}
