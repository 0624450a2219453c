import { profileFor } from '../../src/embed/model-profiles.js';

describe('model profiles', () => {
  it('mean-pools and normalises sentence-transformers models without prefixes', () => {
    expect(profileFor('Xenova/all-MiniLM-L6-v2')).toEqual({
      pooling: 'mean',
      normalize: true,
      queryPrefix: '',
      passagePrefix: '',
    });
  });

  it('gives e5 models their "query: " and "passage: " prefixes', () => {
    for (const id of ['intfloat/e5-small-v2', 'Xenova/multilingual-e5-small', 'Xenova/e5-base']) {
      expect(profileFor(id)).toMatchObject({
        pooling: 'mean',
        queryPrefix: 'query: ',
        passagePrefix: 'passage: ',
      });
    }
  });

  it('gives bge models CLS pooling and the retrieval instruction on queries only', () => {
    const en = profileFor('Xenova/bge-small-en-v1.5');
    expect(en.pooling).toBe('cls');
    expect(en.queryPrefix).toMatch(/^Represent this sentence/);
    expect(en.passagePrefix).toBe('');
    expect(profileFor('Xenova/bge-small-zh-v1.5').queryPrefix).toMatch(/^为这个句子/);
    expect(profileFor('Xenova/bge-m3')).toMatchObject({ pooling: 'cls', queryPrefix: '' });
  });

  it('does not mistake model names that merely contain the letters e5', () => {
    expect(profileFor('someone/base5-encoder').queryPrefix).toBe('');
  });
});
