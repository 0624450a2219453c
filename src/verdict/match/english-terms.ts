import { contentTokens } from '../text/terms.js';
import { ATTRIBUTION_SCALE, ATTRIBUTION_WORDS } from './attribution.js';
import type { ClaimTerm } from './claim-term.js';

/** Words of a claim that describe the rumor's reception, not its content. */
const FRAME_WORDS = new Set([
  'true', 'fact', 'claim', 'rumor', 'rumour', 'report', 'reportedly', 'say', 'said', 'confirmed',
  'officially', 'heard', 'actually', 'really', 'right', 'now', 'everyone', 'share', 'shared',
]); // prettier-ignore

/** Abbreviated names of countries and unions, with the words texts spell them out in. */
const SPELLED_OUT = new Map(
  Object.entries({
    US: 'United States',
    USA: 'United States',
    UK: 'United Kingdom',
    EU: 'European Union',
    UN: 'United Nations',
  }).map(([short, long]) => [short, contentTokens(long).map((t) => t.stem)]),
);

/** The topic terms of an English claim, one per distinct stem, with hyphenated words split. */
export function englishTerms(claim: string): ClaimTerm[] {
  const terms = new Map<string, ClaimTerm>();
  const tokens = contentTokens(claim);
  for (const [i, t] of tokens.entries()) {
    if (FRAME_WORDS.has(t.lower)) continue;
    const isEntity =
      (/^[A-Z]/.test(t.text) && t.start > 0 && i > 0) || /[A-Z].*[A-Z]|\d/.test(t.text.slice(1));
    if (terms.has(t.stem)) continue;
    terms.set(t.stem, {
      label: t.text,
      alts: [[t.stem], ...(SPELLED_OUT.has(t.text) ? [SPELLED_OUT.get(t.text)!] : [])],
      prefixes: [],
      isEntity,
      scale: ATTRIBUTION_WORDS.has(t.lower) ? ATTRIBUTION_SCALE : 1,
    });
  }
  return [...terms.values()];
}
