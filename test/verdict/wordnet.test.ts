import type { SentenceStore } from '../../src/verdict/evidence/sentence-store.js';
import { expandTerms } from '../../src/verdict/lexicon/expand.js';
import { adjectiveForms, loadWordNet } from '../../src/verdict/lexicon/wordnet.js';
import { englishTerms } from '../../src/verdict/match/english-terms.js';

describe('WordNet antonyms', () => {
  const wordnet = loadWordNet();
  afterAll(() => wordnet.close());

  it('reads a comparative or superlative through its base adjective', () => {
    expect(wordnet.antonyms('stronger')).toContain('weak');
    expect(wordnet.antonyms('cheapest')).toContain('expensive');
    expect(adjectiveForms('bigger')).toContain('big');
    expect(adjectiveForms('tidier')).toContain('tidy');
  });

  it('gives a plural noun no antonyms of a like-spelt adjective', () => {
    // "Voting rights" are no form of the adjective "right" (opposite "wrong").
    expect(wordnet.antonyms('rights')).not.toContain('wrong');
    expect(wordnet.antonyms('right')).toContain('wrong');
  });

  it('keeps a word that is a lemma of its own whole', () => {
    expect(adjectiveForms('water', (w) => w === 'water')).toEqual(['water']);
  });
});

describe('names at the start of a claim', () => {
  const wordnet = loadWordNet();
  afterAll(() => wordnet.close());
  // Expansion needs a store only to keep synonyms the documents use; none here.
  const store = { df: () => 0 } as unknown as SentenceStore;

  it('reads a capitalised first word no dictionary lists as a name', () => {
    // Invented: a town's name opens the claim, where capitals say nothing.
    const terms = expandTerms(englishTerms('Eastvale opened three clinics.'), wordnet, store);
    expect(terms.find((t) => t.label === 'Eastvale')?.isEntity).toBe(true);
    const owned = expandTerms(englishTerms("Ardlow's clinics opened."), wordnet, store);
    expect(owned[0]?.isEntity).toBe(true);
    // A word of the language stays a topic word, capitalised or not.
    const common = expandTerms(englishTerms('Clinics opened in Eastvale.'), wordnet, store);
    expect(common.find((t) => t.label === 'Clinics')?.isEntity).toBe(false);
    expect(wordnet.knows('clinics')).toBe(true);
    expect(wordnet.knows('Eastvale')).toBe(false);
  });
});
