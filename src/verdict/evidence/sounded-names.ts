import { hasCjk } from '../../index/tokenize.js';
import type { ClaimTerm } from '../match/claim-term.js';
import { contentTokens } from '../text/terms.js';
import { englishSounds } from '../zh/sounds.js';
import type { SentenceStore } from './sentence-store.js';

/** A name's stem and how the documents write it, by consonant key. */
type NamesBySound = Map<string, Map<string, string>>;

const indexes = new WeakMap<SentenceStore, NamesBySound>();

/** The capitalised words of the store's English sentences, by their consonant keys (built once). */
function namesBySound(store: SentenceStore): NamesBySound {
  const known = indexes.get(store);
  if (known) return known;
  const index: NamesBySound = new Map();
  for (const s of store.sentences) {
    if (hasCjk(s.text)) continue;
    for (const t of contentTokens(s.text)) {
      if (!/^[A-Z][a-z]/.test(t.text)) continue;
      for (const key of englishSounds(t.text)) {
        let names = index.get(key);
        if (!names) index.set(key, (names = new Map()));
        if (!names.has(t.stem)) names.set(t.stem, t.text);
      }
    }
  }
  indexes.set(store, index);
  return index;
}

/** Names one sound may stand for before it is too common a sound to say which. */
const MAX_NAMES = 3;
/** A key this short (two consonants) names many words: it counts only when it names one. */
const SHORT_KEY = 2;

/**
 * Terms of foreign names written by their sound (艾德洛) also met by the documents' English names
 * that sound so ("Ardlow"), and labelled by them: a claim's name then reads as the text writes it.
 */
export function soundedTerms(terms: ClaimTerm[], store: SentenceStore): ClaimTerm[] {
  if (!terms.some((t) => t.sounds)) return terms;
  const index = namesBySound(store);
  return terms.map((term) => {
    const names = new Map<string, string>();
    for (const key of term.sounds ?? []) {
      if (key.length < SHORT_KEY) continue;
      const found = [...(index.get(key) ?? [])];
      if (found.length > (key.length > SHORT_KEY ? MAX_NAMES : 1)) continue;
      for (const [stem, name] of found) names.set(stem, name);
    }
    if (names.size === 0 || names.size > MAX_NAMES) return term;
    return {
      ...term,
      label: [...names.values()][0]!,
      alts: [...term.alts, ...[...names.keys()].map((stem) => [stem])],
    };
  });
}
