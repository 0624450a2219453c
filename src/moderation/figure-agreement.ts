import { compareQuantities } from '../verdict/numbers/compare.js';
import { extractQuantities, type Quantity } from '../verdict/numbers/quantity.js';

/**
 * A claim's figures as the verdict's number reading sees them, with the English text they were
 * read from (its words tell which arithmetic a figure invites: "in all", "more than").
 */
export interface ClaimFigures {
  text: string;
  quantities: readonly Quantity[];
}

/**
 * Figures of a claim that are compared: a forward states a handful (the written claims at most
 * 7), and each pair of claims is compared, figure against figure, for every cluster member.
 */
export const MAX_CLAIM_FIGURES = 12;

/** The figures of an English text (a Chinese claim's translation: numerals already in digits). */
export function claimFigures(english: string): ClaimFigures {
  return { text: english, quantities: extractQuantities(english).slice(0, MAX_CLAIM_FIGURES) };
}

/** Share of `a`'s figures that `b`'s figures state or give by arithmetic; undefined if a has none. */
function settledShare(a: ClaimFigures, b: ClaimFigures): number | undefined {
  // Versions and labels ("V2.0") are names to the comparison: they give no outcome.
  const outcomes = compareQuantities(a.quantities, b.quantities, a.text);
  if (outcomes.length === 0) return undefined;
  const settled = outcomes.filter((o) => o.status === 'match' || o.status === 'derived').length;
  return settled / outcomes.length;
}

/**
 * Whether two forwards state the same figures: the smaller of the two shares of each one's figures
 * the other settles (a side without figures settles none of the other's). Undefined when neither
 * states a figure, so the signal is left out rather than read as agreement. Two claims about one
 * article that differ in a figure ("rose 8%" / "rose 12%") are different rumors; forwards of one
 * rumor keep its figures.
 */
export function figureAgreement(a: ClaimFigures, b: ClaimFigures): number | undefined {
  if (a.quantities.length === 0 && b.quantities.length === 0) return undefined;
  const ab = settledShare(a, b);
  const ba = settledShare(b, a);
  if (ab === undefined && ba === undefined) return undefined;
  return Math.min(ab ?? 0, ba ?? 0);
}
