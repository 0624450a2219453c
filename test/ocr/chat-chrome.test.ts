import {
  cleanChatText,
  joinHanSpacing,
  stripChromeTokens,
  type ReadLine,
} from '../../src/ocr/chat-chrome.js';
import { pickLanguage } from '../../src/ocr/pick-language.js';

const lines = (...texts: string[]): ReadLine[] =>
  texts.map((text) => ({ text, confidence: 0.9, paragraph: 0 }));

describe('chat chrome', () => {
  it('drops a status bar, a back-button title, "Forwarded", the sender and the time with read marks', () => {
    const read = cleanChatText(
      lines(
        '9:41 5G ull 87%',
        '< Family Group',
        '© Forwarded',
        'Aunt May',
        'URGENT!!! Eating bananas at night',
        'melts your kidneys',
        '10:32 vv',
      ),
    );
    expect(read.text).toBe('URGENT!!! Eating bananas at night melts your kidneys');
  });

  it('removes the spaces OCR puts between Chinese characters and joins Chinese lines without a space', () => {
    expect(joinHanSpacing('喝 星 巴克 咖啡 会 致癌')).toBe('喝星巴克咖啡会致癌');
    const read = cleanChatText(
      lines('下午3:15', '王 阿 姨', '隔夜 的 西瓜 吃 了', '会 中毒 ， 快 转发 ！'),
    );
    expect(read.text).toBe('隔夜的西瓜吃了会中毒，快转发！');
  });

  it('gives Chinese text full-width punctuation without spaces', () => {
    expect(joinHanSpacing('紧急扩散 ! ! ! 专家说 ? 转给所有群 : 快')).toBe(
      '紧急扩散！！！专家说？转给所有群：快',
    );
    expect(joinHanSpacing('Really? Yes: 5G')).toBe('Really? Yes: 5G');
  });

  it('joins numbers to the Chinese around them and mends "2 .1"', () => {
    expect(joinHanSpacing('交付 2 .1 万张 床位')).toBe('交付2.1万张床位');
  });

  it('drops a status bar whose clock was misread but keeps a short claim about 5G', () => {
    expect(stripChromeTokens('41 5G nam 87 4')).toBe('');
    expect(stripChromeTokens('5G towers spread the virus')).toBe('5G towers spread the virus');
  });

  it('drops a half-misread reactions bar', () => {
    expect(stripChromeTokens('分享 … 评沦 … 1.2 万')).toBe('');
    expect(stripChromeTokens('Share - Comnent * 1.2k')).toBe('');
  });

  it('drops a news byline and the reactions bar but keeps the headline', () => {
    const read = cleanChatText(
      lines(
        'DAILY HEALTH NEWS - 2 h',
        'Microwaved water causes',
        'brain tumors',
        'Share - Comment * 1.2k',
      ),
    );
    expect(read.text).toBe('Microwaved water causes brain tumors');
  });

  it('mends a word hyphenated across lines', () => {
    expect(cleanChatText(lines('Vaccines contain micro-', 'chips that track you')).text).toBe(
      'Vaccines contain microchips that track you',
    );
  });

  it('keeps numbers, percentages and words like "read" that belong to the claim', () => {
    expect(stripChromeTokens('Read this: 90% of tap water has plastic')).toBe(
      'Read this: 90% of tap water has plastic',
    );
    expect(stripChromeTokens('Read')).toBe('');
    expect(stripChromeTokens('已读')).toBe('');
  });

  it('keeps a short claim that stands alone rather than taking it for a name', () => {
    expect(cleanChatText(lines('Garlic Cures Covid')).text).toBe('Garlic Cures Covid');
  });

  it('drops a short doubtful fragment beside a clearly read message', () => {
    const read = cleanChatText([
      { text: '© ELMER', confidence: 0.53, paragraph: 0 },
      { text: '喝 星 巴克 咖啡 会 致癌', confidence: 0.9, paragraph: 0 },
    ]);
    expect(read.text).toBe('喝星巴克咖啡会致癌');
  });

  it('weights confidence by the length of the kept lines, not the chrome', () => {
    const read = cleanChatText([
      { text: '9:41 5G 87%', confidence: 0.1, paragraph: 0 },
      { text: 'Lemon water cures cancer', confidence: 0.8, paragraph: 1 },
    ]);
    expect(read.confidence).toBeCloseTo(0.8);
  });
});

describe('pickLanguage', () => {
  it('tells English, Chinese and mixed text apart by script', () => {
    expect(pickLanguage('Drinking coffee gives you cancer')).toBe('en');
    expect(pickLanguage('喝星巴克咖啡会致癌 5G')).toBe('zh');
    expect(pickLanguage('Starbucks 咖啡 causes cancer 致癌')).toBe('mixed');
  });
});
