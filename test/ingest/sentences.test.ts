import { splitSentences } from '../../src/ingest/sentences.js';

const sentences = (text: string): string[] =>
  splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('splitSentences', () => {
  it('never splits inside numbers', () => {
    expect(
      sentences('GDP was 3,473.156 billion yuan, up 18.7% and 0.45 points. Next one.'),
    ).toEqual(['GDP was 3,473.156 billion yuan, up 18.7% and 0.45 points.', 'Next one.']);
  });

  it('keeps abbreviations, titles and initials inside their sentence', () => {
    expect(
      sentences(
        'The U.S. economy grew. Dr. Smith and Mr. Wang ranked No. 1 in it. J. K. Rowling agreed.',
      ),
    ).toEqual([
      'The U.S. economy grew.',
      'Dr. Smith and Mr. Wang ranked No. 1 in it.',
      'J. K. Rowling agreed.',
    ]);
    expect(
      sentences('Evergrande (0333.HK) and Vanke Co., Ltd. announced it on Friday. It was final.'),
    ).toHaveLength(2);
  });

  it('ends a quoted sentence after its closing quote', () => {
    expect(sentences('He said: "It is over." Then he left.')).toEqual([
      'He said: "It is over."',
      'Then he left.',
    ]);
    expect(sentences('“It is over.” Then he left.')).toEqual(['“It is over.”', 'Then he left.']);
    // A quotation that goes on after its period is one sentence with its attribution.
    expect(sentences('"It is over." he said.')).toEqual(['"It is over." he said.']);
    // A closing quote set apart by a space still belongs to its sentence.
    expect(sentences('"We invest. " Su Jian said. "Next, we build."')).toEqual([
      '"We invest. "',
      'Su Jian said.',
      '"Next, we build."',
    ]);
    expect(sentences('We are confident in the prospects. "\nNext line.')).toEqual([
      'We are confident in the prospects. "',
      'Next line.',
    ]);
  });

  it('handles ellipses, question and exclamation marks', () => {
    expect(sentences('Wait... what happened? Nothing… Then rain!! Really?!')).toEqual([
      'Wait... what happened?',
      'Nothing…',
      'Then rain!!',
      'Really?!',
    ]);
  });

  it('splits Chinese text on 。！？ and keeps closing quotes', () => {
    expect(sentences('“这是真的。”他说。今年增长了18.7%！是吗？')).toEqual([
      '“这是真的。”',
      '他说。',
      '今年增长了18.7%！',
      '是吗？',
    ]);
  });

  it('ends a sentence at every line break, so titles stand alone', () => {
    expect(sentences('A Title Without A Period\n\n  Body text here. More text.\n')).toEqual([
      'A Title Without A Period',
      'Body text here.',
      'More text.',
    ]);
  });

  it('separates sentences glued without a space but not dotted names', () => {
    expect(sentences('Focus on the goal.Efforts have been made by Yangguang. com today.')).toEqual([
      'Focus on the goal.',
      'Efforts have been made by Yangguang. com today.',
    ]);
  });

  it('separates a heading run into its paragraph, but not brand names', () => {
    expect(
      sentences('job objectiveBy 2020, water will be cleaner. WeChat and iPhone users agree.'),
    ).toEqual([
      'job objective',
      'By 2020, water will be cleaner.',
      'WeChat and iPhone users agree.',
    ]);
  });

  it('keeps list labels with their item', () => {
    expect(
      sentences(
        '1. What is the subsidy? It is 10%.\nIV. Wushan County\nArticle 58. Abandoned mines shall be sealed.',
      ),
    ).toEqual([
      '1. What is the subsidy?',
      'It is 10%.',
      'IV. Wushan County',
      'Article 58. Abandoned mines shall be sealed.',
    ]);
    expect(sentences('The vote was 9 to 2. Work starts soon.')).toHaveLength(2);
  });

  it('returns trimmed spans shifted by the offset', () => {
    const text = '   One here.   Two there.  ';
    const spans = splitSentences(text, 100);
    expect(spans).toEqual([
      { start: 103, end: 112 },
      { start: 115, end: 125 },
    ]);
    expect(splitSentences('  \n \n')).toEqual([]);
  });
});
