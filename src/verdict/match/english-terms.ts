import { contentTokens } from '../text/terms.js';
import type { ClaimTerm } from './claim-term.js';

/** Words of a claim that describe the rumor's reception, not its content. */
const FRAME_WORDS = new Set([
  'true', 'fact', 'claim', 'rumor', 'rumour', 'report', 'reportedly', 'say', 'said', 'confirmed',
  'officially', 'heard', 'actually', 'really', 'right', 'now', 'everyone', 'share', 'shared',
]); // prettier-ignore

/**
 * Words that say who put a fact in writing, not the fact: the document ("the article", "a
 * commentary") and neutral verbs of saying ("notes", "argued"). Texts rarely name themselves, and
 * a claim that says "wrote" for the text's "said" says the same; they count little in coverage.
 * Inflected forms only where the stem has another sense ("stated", not "state").
 */
const ATTRIBUTION_WORDS = new Set([
  'article', 'articles', 'essay', 'commentary', 'editorial', 'author', 'columnist', 'commentator',
  'notes', 'noted', 'argue', 'argues', 'argued', 'write', 'writes', 'wrote', 'written', 'warn',
  'warns', 'warned', 'stated', 'told', 'tells', 'explains', 'explained', 'stressed', 'emphasised',
  'emphasized', 'emphasises', 'emphasizes', 'remarked', 'mentioned', 'commented', 'declared',
  'described', 'insisted',
]); // prettier-ignore
const ATTRIBUTION_SCALE = 0.25;

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
