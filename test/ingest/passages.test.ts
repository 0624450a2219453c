import { loadConfig } from '../../src/config/config.js';
import {
  ingestOptions,
  parseSource,
  splitPassages,
  splitSentences,
  type LoadedSource,
} from '../../src/ingest/index.js';
import { splitLongSentence } from '../../src/ingest/passages.js';

/** A loaded plain text source built in memory (the loader's pure half). */
function textSource(text: string): LoadedSource {
  return {
    source: 'mem.txt',
    text,
    hash: 'x',
    kind: 'text',
    articles: parseSource('mem.txt', 'text', text),
  };
}

const sentence = (n: number) =>
  `Sentence number ${n} reports that output rose by ${n}.5% in the year to March. `;

describe('splitPassages', () => {
  const body = Array.from({ length: 40 }, (_, n) => sentence(n)).join('');
  const loaded = textSource(`A report on output\n\n  ${body}\n`);

  it('packs whole sentences up to the size limits and overlaps neighbours by one sentence', () => {
    const passages = splitPassages(loaded, { targetChars: 300, maxChars: 450 });
    expect(passages.length).toBeGreaterThan(5);
    const ends = new Set(splitSentences(loaded.text).map((s) => s.end));
    for (const [k, p] of passages.entries()) {
      expect(loaded.text.slice(p.start, p.end)).toBe(p.text);
      expect(p.text.length).toBeLessThanOrEqual(450 + 100);
      expect(ends.has(p.end)).toBe(true);
      const next = passages[k + 1];
      if (next === undefined) continue;
      // The next passage starts with this passage's last sentence.
      const lastSentence = splitSentences(p.text, p.start).pop()!;
      expect(next.start).toBe(lastSentence.start);
    }
  });

  it('closes a passage at a paragraph break once it is well filled, without overlap', () => {
    const para = (from: number) =>
      Array.from({ length: 5 }, (_, k) => sentence(from + k))
        .join('')
        .trim();
    const text = `A report on output\n\n  ${para(0)}\n\n  ${para(10)}\n\n  ${para(20)}\n`;
    const passages = splitPassages(textSource(text), { targetChars: 500, maxChars: 800 });
    expect(passages.map((p) => p.text)).toEqual([
      `A report on output\n\n  ${para(0)}`,
      para(10),
      para(20),
    ]);
  });

  it('makes Chinese passages half as long', () => {
    const zh = Array.from(
      { length: 40 },
      (_, n) => `第${n}条消息说，今年前三季度湖北地区生产总值增长了${n}.5%，居全国首位。`,
    ).join('');
    const passages = splitPassages(textSource(`湖北经济快速恢复\n\n${zh}\n`), {
      targetChars: 500,
      maxChars: 800,
    });
    expect(passages.length).toBeGreaterThan(4);
    for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(400);
  });

  it('takes its sizes from the configuration', () => {
    const small = ingestOptions(
      loadConfig({ PASSAGE_TARGET_CHARS: '200', PASSAGE_MAX_CHARS: '300' }),
    );
    const large = ingestOptions(loadConfig({}));
    expect(splitPassages(loaded, small.passages).length).toBeGreaterThan(
      splitPassages(loaded, large.passages).length,
    );
    expect(large.load.maxBytes).toBeGreaterThan(1_000_000);
  });

  it('never lets a passage run across a section heading', () => {
    const text = [
      'Rumors of the month',
      '',
      '  Rumor 1',
      '',
      '  Coffee causes cancer.',
      '',
      `  Truth: ${sentence(1)}${sentence(2)}`,
      '',
      '  Rumor 2',
      '',
      '  Strawberries are the dirtiest fruit.',
      '',
      `  Truth: ${sentence(3)}${sentence(4)}`,
    ].join('\n');
    const passages = splitPassages(textSource(text));
    expect(passages.map((p) => p.section)).toEqual([
      'Coffee causes cancer.',
      'Strawberries are the dirtiest fruit.',
    ]);
    expect(passages[1]?.text.startsWith('Rumor 2')).toBe(true);
  });
});

describe('splitLongSentence', () => {
  it('cuts Chinese at its own commas and never splits a number or an emoji', () => {
    const zh = Array.from({ length: 40 }, (_, n) => `第${n}项增长了3,473.156亿元`).join('，');
    const pieces = splitLongSentence(zh, { start: 0, end: zh.length }, 100);
    for (const p of pieces) expect(zh.slice(p.start, p.end)).toMatch(/^第.*元，?$/);
    const digits = '😀1234567890'.repeat(30);
    const cuts = splitLongSentence(digits, { start: 0, end: digits.length }, 100).map((p) => p.end);
    expect(cuts.length).toBeGreaterThan(3);
    for (const at of cuts.slice(0, -1)) {
      expect(/\d/.test(digits[at - 1]!) && /\d/.test(digits[at]!)).toBe(false);
      expect(digits.charCodeAt(at)).not.toBe(0xde00); // the low half of 😀
    }
  });

  it('cuts an overlong sentence at clause breaks, never inside a number', () => {
    const text =
      Array.from({ length: 30 }, (_, n) => `item ${n} cost 3,473.156 yuan`).join(', ') + '.';
    const pieces = splitLongSentence(text, { start: 0, end: text.length }, 200);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces[0]!.start).toBe(0);
    expect(pieces[pieces.length - 1]!.end).toBe(text.length);
    for (const p of pieces) {
      expect(p.end - p.start).toBeLessThanOrEqual(200);
      expect(text.slice(p.start, p.end)).not.toMatch(/^[\d,.]|\d$/);
    }
  });
});
