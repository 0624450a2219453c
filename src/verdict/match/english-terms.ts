import { contentTokens } from '../text/terms.js';
import { ATTRIBUTION_SCALE, ATTRIBUTION_WORDS } from './attribution.js';
import type { ClaimTerm } from './claim-term.js';

/** Words of a claim that describe the rumor's reception, not its content. */
const FRAME_WORDS = new Set([
  'true', 'fact', 'claim', 'rumor', 'rumour', 'report', 'reportedly', 'say', 'said', 'confirmed',
  'officially', 'heard', 'actually', 'really', 'right', 'now', 'everyone', 'share', 'shared',
]); // prettier-ignore

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
      alts: [[t.stem]],
      prefixes: [],
      isEntity,
      scale: ATTRIBUTION_WORDS.has(t.lower) ? ATTRIBUTION_SCALE : 1,
    });
  }
  return [...terms.values()];
}
