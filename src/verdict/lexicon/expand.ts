import type { SentenceStore } from '../evidence/sentence-store.js';
import type { ClaimTerm } from '../match/claim-term.js';
import { contentTokens } from '../text/terms.js';
import type { WordNet } from './wordnet.js';

/**
 * WordNet senses per part of speech whose synonyms a claim word borrows (first senses are the
 * common ones). Leave-articles-out, six seeds: one sense 0.701, two 0.710, three 0.704.
 */
const SENSES = 2;

const stemsOf = (phrase: string): string[] => contentTokens(phrase).map((t) => t.stem);

/**
 * Adds WordNet synonyms the documents actually use as alternatives of each English claim term,
 * and records its antonyms the documents use (a stance signal).
 */
export function expandTerms(
  terms: ClaimTerm[],
  wordnet: WordNet,
  store: SentenceStore,
): ClaimTerm[] {
  const known = (stems: string[]) => stems.length > 0 && stems.every((s) => store.df(s) > 0);
  return terms.map((term) => {
    if (term.translated || term.isEntity) return term;
    // A capitalised word no dictionary lists is a name, first word of the claim though it is
    // ("Eastvale opened ..."): read as one, not as a topic word.
    if (/^[A-Z]/.test(term.label) && !wordnet.knows(term.label.replace(/['’]s$/, '')))
      return { ...term, isEntity: true };
    const alts = [...term.alts];
    for (const syn of wordnet.synonyms(term.label, SENSES)) {
      const stems = stemsOf(syn);
      if (stems.length <= 2 && known(stems) && !alts.some((a) => a.join(' ') === stems.join(' ')))
        alts.push(stems);
    }
    const antonyms = wordnet
      .antonyms(term.label)
      .map(stemsOf)
      .filter((a) => a.length === 1 && known(a))
      .map((a) => a[0]!);
    return { ...term, alts, ...(antonyms.length > 0 ? { antonyms } : {}) };
  });
}
