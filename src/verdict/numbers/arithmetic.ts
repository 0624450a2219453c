import { precise } from './figures.js';
import { formatFigure, type Quantity } from './quantity.js';

/** A calculation the text invites: two of its numbers give a third that it states. */
export interface TextComputation {
  a: Quantity;
  b: Quantity;
  op: '×' | '÷';
  result: Quantity;
  text: string;
}

const fmt = formatFigure;
const withUnit = (q: Quantity): string => (q.unit ? `${fmt(q.value)} ${q.unit}` : fmt(q.value));

/**
 * Counts and sums read, in order: every triple of them is tried, so a pasted table of a thousand
 * numbers (the stance API takes 20,000 characters of evidence) held a check for tens of seconds.
 */
export const MAX_COMPUTED_FIGURES = 150;

/** Relative error allowed between the computed value and the stated one (the text rounds). */
const ROUNDING = 0.005;

/**
 * Finds products and quotients of two numbers that equal a number stated after them (a daily
 * tolerance per kilogram × body weight = daily tolerance; tolerance ÷ amount per cup = cups).
 * Showing the computation lets the reader check the deciding figure.
 */
export function textComputations(quantities: Quantity[]): TextComputation[] {
  const nums = quantities
    .filter((q) => q.kind === 'count' || q.kind === 'money')
    .slice(0, MAX_COMPUTED_FIGURES);
  const out: TextComputation[] = [];
  for (const result of nums) {
    if (result.value < 2) continue;
    for (const a of nums) {
      for (const b of nums) {
        if (a === b || a === result || b === result) continue;
        if (a.end > result.start || b.end > result.start) continue;
        if (a.value === 1 || b.value === 1 || a.value === result.value || b.value === result.value)
          continue;
        // Small whole numbers multiply into each other by chance (2 × 5 = 10 cases); a measured
        // figure (a fraction) or large counts make a coincidence unlikely.
        if (![a, b, result].every((q) => q.value >= 10 || !Number.isInteger(q.value))) continue;
        // Round figures divide into each other by chance too (1.5 million visitors ÷ 10,000 shops
        // = 150 of something else): one of the three must be a measured, precise figure.
        if (![a, b, result].some(precise)) continue;
        const product = a.value * b.value;
        const quotient = a.value / b.value;
        const close = (v: number) => Math.abs(v - result.value) <= ROUNDING * result.value;
        if (a.start < b.start && close(product)) {
          out.push({
            a,
            b,
            op: '×',
            result,
            text: `${withUnit(a)} × ${withUnit(b)} = ${withUnit(result)}`,
          });
        } else if (close(quotient)) {
          const sign = quotient === result.value ? '=' : '≈';
          out.push({
            a,
            b,
            op: '÷',
            result,
            text: `${withUnit(a)} ÷ ${withUnit(b)} ${sign} ${fmt(Math.round(quotient * 100) / 100)} (the text: ${withUnit(result)})`,
          });
        }
      }
    }
  }
  // One computation per stated result, the first found.
  const seen = new Set<Quantity>();
  return out.filter((c) => (seen.has(c.result) ? false : (seen.add(c.result), true)));
}
