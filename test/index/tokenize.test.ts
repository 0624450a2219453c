import { hasCjk, normalizeNumber, tokenize } from '../../src/index/tokenize.js';

describe('tokenize', () => {
  it('lower-cases, stems with Porter2 and drops stop words', () => {
    expect(tokenize('Drinking Starbucks coffee gives you cancer')).toEqual([
      'drink',
      'starbuck',
      'coffe',
      'give',
      'cancer',
    ]);
    expect(tokenize('The studies were studied')).toEqual(['studi', 'studi']);
  });

  it('keeps negations, which decide verdicts', () => {
    expect(tokenize('it is not safe and never was')).toEqual(['not', 'safe', 'never']);
  });

  it('keeps numbers whole and normalised', () => {
    expect(tokenize('GDP reached 3,473.156 billion yuan')).toContain('3473.156');
    expect(tokenize('a rise of 18.70 in 2019')).toEqual(['rise', '18.7', '2019']);
    expect(normalizeNumber('1,000,000')).toBe('1000000');
    expect(normalizeNumber('5.0')).toBe('5');
  });

  it('turns a percent sign into a token, so "18.7%" matches "18.7 percent"', () => {
    expect(tokenize('grew 18.7%')).toEqual(['grew', '18.7', 'percent']);
    expect(tokenize('grew 18.7 percent')).toEqual(['grew', '18.7', 'percent']);
    expect(tokenize('grew 18.7％')).toEqual(['grew', '18.7', 'percent']);
  });

  it('keeps alphanumeric names such as H1N1 unstemmed and splits hyphens', () => {
    expect(tokenize('H1N1 and COVID-19')).toEqual(['h1n1', 'covid', '19']);
  });

  it('segments Chinese into words instead of dropping it', () => {
    const tokens = tokenize('湖北今年经济增长最快吗？');
    expect(tokens).toEqual(expect.arrayContaining(['湖北', '经济', '增长']));
    expect(tokens.every((t) => t.length <= 4)).toBe(true);
  });

  it('separates numbers and Latin words glued to Chinese text', () => {
    expect(tokenize('武汉的GDP增长了18.7%')).toEqual(['武汉', 'gdp', '增长', '18.7', 'percent']);
  });

  it('detects Chinese characters', () => {
    expect(hasCjk('coffee 咖啡')).toBe(true);
    expect(hasCjk('coffee')).toBe(false);
  });

  it('returns nothing for punctuation and emoji only', () => {
    expect(tokenize('!!! 🙂 ... ')).toEqual([]);
  });
});
