import { countsThings, wholeMonth, type Quantity } from './quantity.js';

/**
 * How two figures relate on their own: whether a value satisfies a claim's figure (with its
 * bound), how much two figures are about the same thing, whether they can be the same figure.
 */

/** Relative tolerance for "the same value": rounding in the text ("4.2" vs "4.20", "127" vs 126.8). */
const SAME = 0.005;
/** Tolerance when either side says "about", "nearly" and the like. */
const APPROX = 0.1;
/** "About" a figure written to three or more digits, met by a computed value. */
const ABOUT_PRECISE = 0.02;

/** Whether evidence value `e` satisfies the claim quantity `q` (with its bound). */
export function valueSatisfies(q: Quantity, e: number, eApprox = false): boolean {
  const v = q.value;
  // Dates and years are exact: April 7 is not April 8. A month alone (day 0) holds all its days.
  if (q.kind === 'date' && (wholeMonth(v) || wholeMonth(e)))
    return Math.floor(v / 100) === Math.floor(e / 100);
  if (q.kind === 'date' || q.kind === 'year') return e === v;
  const tol = q.bound === 'approx' || eApprox ? APPROX : SAME;
  if (q.bound === 'gt') return e >= v * (1 - SAME);
  if (q.bound === 'lt') return e <= v * (1 + SAME);
  return Math.abs(e - v) <= tol * Math.max(Math.abs(v), Math.abs(e), 1e-9);
}

export const oppositeBounds = (a: Quantity, b: Quantity): boolean =>
  (a.bound === 'gt' && b.bound === 'lt') || (a.bound === 'lt' && b.bound === 'gt');

/** How strongly two numbers are about the same thing: shared words right after them count double. */
export function alignment(a: Quantity, b: Quantity): number {
  const aAll = new Set([...a.after, ...a.before]);
  const bAll = new Set([...b.after, ...b.before]);
  let score = 0;
  for (const w of new Set(a.after)) if (b.after.includes(w)) score += 1;
  for (const w of aAll) if (bAll.has(w)) score += 1;
  // A shared name ("Norrland 4.12 billion") ties two figures more than a shared common word.
  for (const w of a.names) if (b.names.includes(w)) score += 1;
  return score;
}

/**
 * Whether two figures can be the same figure at all: not in different measures (seconds and
 * customers, kilograms and millilitres), not a gap in percentage points against a percentage, not
 * a growth rate against a share.
 */
export function comparable(a: Quantity, b: Quantity): boolean {
  if (!!a.points !== !!b.points) return false;
  if (a.role && b.role && a.role !== b.role) return false;
  return sameMeasure(a, b);
}

/** Not in two measures, nor one in a measure and the other counting things ("12 litres", "40 bottles"). */
export function sameMeasure(a: Quantity, b: Quantity): boolean {
  if ((a.measure && countsThings(b)) || (b.measure && countsThings(a))) return false;
  return !(a.measure && b.measure && a.measure !== b.measure);
}

/**
 * A bound met by a computed figure only near it: "more than 5 points" is what a writer says of
 * 5.6, not of 24; with many pairs of figures tried, a far one meets a bound by chance.
 */
const BOUND_REACH = 1.5;
/** A figure with three or more significant digits ("41.27", "2,846"), not a round one ("300", "4"). */
export const precise = (q: Quantity): boolean => !q.relation && writtenDigits(q) >= 3;
/** The digits a figure is written to, without leading or trailing zeros ("17,000": 2; "5.06": 3). */
const writtenDigits = (q: Quantity): number =>
  q.raw.replace(/[^\d]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
export const nearBound = (q: Quantity, value: number): boolean =>
  q.bound === 'gt'
    ? value <= q.value * BOUND_REACH
    : q.bound === 'lt'
      ? value * BOUND_REACH >= q.value
      : true;

export const comparableMagnitude = (a: number, b: number): boolean =>
  a === 0 || b === 0 || Math.max(a, b) / Math.min(a, b) < 100;

/** A percentage said as a rise ("increased by 15%", "up 30%"): a multiple of 1 + p/100. */
export const isRise = (e: Quantity): boolean =>
  !e.relation && e.before.some((w) => /^(increas|rose|rise|grew|grow|up|raiz)$/.test(w));

/** A percentage said as a fall ("fell 20%", "a decrease of 20%"). */
export const isFall = (e: Quantity): boolean =>
  !e.relation &&
  e.before.some((w) =>
    /^(?:decreas|fell|fall|drop|declin|lower|reduc|cut|shrank|shrink|lessen)/.test(w),
  );

/**
 * Whether a value worked out of the text's figures meets a claim's figure. One written to three or
 * more digits ("41.27%") means those digits; a rounder one is the computed value rounded or cut to
 * the place it is written to, so it meets values within one unit of that place ("7.3" for 7.34 or
 * 7.22, not 7.1; "25%" for 24.4%, not 23%), and never more than 10% off. "About", a bound or a
 * relation in words ("a third") keeps its own reach.
 */
export function meetsComputed(q: Quantity, value: number): boolean {
  if (q.relation || q.bound === 'gt' || q.bound === 'lt' || (q.bound === 'eq' && precise(q)))
    return valueSatisfies(looseRelation(q), value);
  // "About" a figure written to three or more digits ("around 4.27 million") is near its digits.
  const reach = q.bound === 'approx' ? (precise(q) ? ABOUT_PRECISE : APPROX) : lastPlaceReach(q);
  return Math.abs(value - q.value) <= reach * Math.max(Math.abs(q.value), Math.abs(value));
}

/** One unit in the last place a rounder figure is written to, as a share of it (at most 10%). */
function lastPlaceReach(q: Quantity): number {
  const place =
    10 ** (Math.floor(Math.log10(Math.abs(q.value))) - Math.max(1, writtenDigits(q)) + 1);
  return Math.min(APPROX, Math.max(SAME, place / Math.abs(q.value)));
}

/** A relation in words ("a third", "twice") is a rounded figure: "about". */
const looseRelation = (q: Quantity): Quantity =>
  q.bound === 'eq' && q.relation ? { ...q, bound: 'approx' } : q;

/** Two figures arithmetic may relate: in one measure ("5 years" and "90,000" are not). */
export const oneMeasure = (a: Quantity, b: Quantity): boolean =>
  sameMeasure(a, b) && a.measure === b.measure;
