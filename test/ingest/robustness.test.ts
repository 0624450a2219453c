import {
  parseSource,
  splitPassages,
  splitSentences,
  type SourceKind,
} from '../../src/ingest/index.js';
import { seededRandom } from '../support/seeded-random.js';

const PIECES = [
  'The', 'rate', 'rose', 'U.S.', 'Dr.', 'No.', '3,473.156', '18.7%', '0.45', '.', '. ', '?', '!', '…', '...',
  '"', '“', '”', ' " ', '。', '！', '？', '增长', '\n', '\n\n', '\n\n\n', '  ', '\r\n', '(1)', 'IV.', 'Title Line',
  '&amp;', '<p>', '</p>', '\\', '\\n', '\ufeff', '😀', ' ', ' ', ' ', 'word', 'Mr.', 'etc.', 'a.m.', 'Chapter II',
]; // prettier-ignore

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

describe('ingest on arbitrary text', () => {
  it('always returns ordered, trimmed, non-overlapping sentence spans', () => {
    const next = seededRandom(7);
    const problems: string[] = [];
    for (let round = 0; round < 300; round++) {
      const text = randomText(next, 50 + Math.floor(next() * 800));
      let last = 0;
      for (const s of splitSentences(text)) {
        const sentence = text.slice(s.start, s.end);
        const trimmed = sentence.replace(/^[\s\ufeff]+|[\s\ufeff]+$/g, '');
        if (s.start < last || s.end <= s.start || sentence !== trimmed)
          problems.push(JSON.stringify(text));
        last = s.end;
      }
    }
    expect(problems).toEqual([]);
  });

  it.each<SourceKind>(['text', 'markdown', 'html'])(
    'keeps exact offsets for %s sources',
    (kind) => {
      const next = seededRandom(11);
      for (let round = 0; round < 100; round++) {
        const text = randomText(next, 100 + Math.floor(next() * 3000));
        const loaded = {
          source: 'fuzz',
          text,
          hash: '',
          kind,
          articles: parseSource('fuzz', kind, text),
        };
        for (const p of splitPassages(loaded, { targetChars: 120, maxChars: 200 })) {
          expect(text.slice(p.start, p.end)).toBe(p.text);
          expect(p.text.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('loads empty and blank files as no articles', () => {
    for (const kind of ['text', 'markdown', 'html', 'jsonl'] as const) {
      expect(parseSource('empty', kind, '')).toEqual([]);
      expect(parseSource('blank', kind, ' \n\n\t\n')).toEqual([]);
    }
  });
});
