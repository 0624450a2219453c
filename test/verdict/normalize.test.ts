import { stripCruft, unshout } from '../../src/verdict/normalize/cruft.js';
import { normalizeMessage } from '../../src/verdict/normalize/index.js';
import { detectLanguage } from '../../src/verdict/normalize/language.js';
import { questionToClaim } from '../../src/verdict/normalize/question.js';
import { splitClaims } from '../../src/verdict/normalize/split-claims.js';

describe('normalise: forwarded-message cruft', () => {
  it('removes shouting openers, pleas to share, emojis and links', () => {
    const out = stripCruft(
      'URGENT!!! 😱 Bananas from Ecuador carry a flesh-eating virus https://x.example/a - share with everyone!!!',
    );
    expect(out).toBe('Bananas from Ecuador carry a flesh-eating virus');
  });

  it('lower-cases shouted words but keeps short acronyms', () => {
    expect(unshout('The GDP ALREADY beats EVERYTHING')).toBe('The GDP already beats everything');
  });

  it('keeps a count of shares that is part of the claim', () => {
    expect(stripCruft('The video was shared 118 times on the platform.')).toContain(
      'shared 118 times',
    );
  });

  it('drops Chinese chain-letter phrases', () => {
    expect(stripCruft('紧急扩散！！！专家说这种技术不可能被破解')).toBe(
      '专家说这种技术不可能被破解',
    );
  });
});

describe('normalise: questions', () => {
  it('turns "Is it true that …?" into the claim it asks about', () => {
    expect(
      questionToClaim('Is it true that, under the new rules, 172 people were arrested?', 'en'),
    ).toEqual({
      claim: 'Under the new rules, 172 people were arrested.',
      isQuestion: true,
    });
  });

  it('drops a leading auxiliary of a yes/no question', () => {
    expect(questionToClaim('Did the city build 4 new bridges?', 'en').claim).toBe(
      'The city build 4 new bridges.',
    );
  });

  it('turns a Chinese 吗/是否 question into a statement', () => {
    expect(questionToClaim('喝咖啡会致癌吗？', 'zh')).toEqual({
      claim: '喝咖啡会致癌',
      isQuestion: true,
    });
    expect(questionToClaim('公司是否已有4109名开发者？', 'zh').claim).toBe('公司已有4109名开发者');
  });

  it('leaves a statement that merely contains 是否 alone', () => {
    expect(questionToClaim('关键在于残留量是否超标。', 'zh')).toEqual({
      claim: '关键在于残留量是否超标。',
      isQuestion: false,
    });
  });
});

describe('normalise: several claims in one message', () => {
  it('splits sentences and dash-joined clauses, dropping commands to the reader', () => {
    expect(
      splitClaims(
        'Strawberries are the dirtiest fruit - pesticide residue makes them dangerous. Stop feeding them to your kids',
        'en',
      ),
    ).toEqual(['Strawberries are the dirtiest fruit', 'pesticide residue makes them dangerous.']);
  });

  it('keeps a single claim whole', () => {
    expect(splitClaims('Foxconn cut its Wisconsin hiring target to 1,000.', 'en')).toEqual([
      'Foxconn cut its Wisconsin hiring target to 1,000.',
    ]);
  });

  it('normalises a whole viral message into its claims with the language', () => {
    const m = normalizeMessage(
      "BREAKING!!! Foxconn officially SCRAPPED its LCD factory! Share before it's deleted!!!",
    );
    expect(m.lang).toBe('en');
    expect(m.claims.map((c) => c.text)).toEqual(['Foxconn officially scrapped its LCD factory']);
  });
});

describe('normalise: language', () => {
  it('detects Chinese and English', () => {
    expect(detectLanguage('上海各区级方舱已建成交付2.1万张床位')).toBe('zh');
    expect(detectLanguage('Shanghai delivered 21,000 beds (方舱)')).toBe('en');
  });
});
