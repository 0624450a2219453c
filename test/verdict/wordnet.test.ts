import { adjectiveForms, loadWordNet } from '../../src/verdict/lexicon/wordnet.js';

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
