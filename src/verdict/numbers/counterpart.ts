import { stemWord } from '../text/terms.js';
import type { Quantity } from './quantity.js';

/**
 * Pairs of words that name the two sides of one measure: a figure for one side is not a figure
 * for the other ("exports 30 billion" says nothing of imports), though every other word is shared.
 */
const PAIRS: [string, string][] = [
  ['import', 'export'],
  ['urban', 'rural'],
  ['male', 'female'],
  ['men', 'women'],
  ['boys', 'girls'],
  ['buyers', 'sellers'],
  ['inbound', 'outbound'],
  ['domestic', 'foreign'],
  ['online', 'offline'],
  ['minimum', 'maximum'],
  ['income', 'expenditure'],
  ['births', 'deaths'],
  ['arrivals', 'departures'],
  ['revenue', 'costs'],
];

const SIDES: [string, string][] = PAIRS.map(([a, b]) => [stemWord(a), stemWord(b)]);

const sideWords = (q: Quantity): Set<string> => new Set([...q.before, ...q.after]);

/**
 * Whether text figure `e` is about the other side of a pair than claim figure `q`: `q`'s words
 * name one side, `e`'s name the other and not the first.
 */
export function otherSide(q: Quantity, e: Quantity): boolean {
  const qs = sideWords(q);
  const es = sideWords(e);
  return SIDES.some(
    ([a, b]) => (qs.has(a) && es.has(b) && !es.has(a)) || (qs.has(b) && es.has(a) && !es.has(b)),
  );
}
