import { readFileSync } from 'node:fs';
import { ENUMERATED_HEADING, CAPTION, detectTextArticles } from '../../src/ingest/text-articles.js';
import { sharedPath } from '../support/shared.js';

const titles = (text: string) => detectTextArticles(text).map((a) => a.title);

/** A paragraph of `n` sentences made of one topic's words, so topics share no vocabulary. */
const paragraph = (topic: string[], n = 6) =>
  Array.from({ length: n }, (_, k) => {
    const word = (j: number) => topic[(k + j) % topic.length];
    return `The ${word(0)} and ${word(1)} of ${word(2)} met ${word(3)}, ${word(4)} and ${word(5)}.`;
  }).join(' ');

const FERRY = ['ferry', 'harbour', 'passengers', 'timetable', 'tickets', 'boats'];
const LIBRARY = ['library', 'books', 'readers', 'shelves', 'librarians', 'catalogue'];
const VACCINE = ['vaccine', 'clinics', 'doses', 'nurses', 'patients', 'immunity'];

describe('detectTextArticles', () => {
  it('starts an article after two blank lines', () => {
    const text = `Ferry news\n\n${paragraph(FERRY)}\n\n\nLibrary news\n\n${paragraph(LIBRARY)}\n`;
    expect(titles(text)).toEqual(['Ferry news', 'Library news']);
  });

  it('starts an article after a byline closes the previous one', () => {
    const text = `Ferry news\n\n${paragraph(FERRY)}\n\nOur reporter Lin Mei\n\nLibrary news\n\n${paragraph(LIBRARY)}\n`;
    expect(titles(text)).toEqual(['Ferry news', 'Library news']);
  });

  it('starts an article at a flush-left line after indented paragraphs', () => {
    const text = `Ferry news\n\n  ${paragraph(FERRY)}\n\n  ${paragraph(FERRY)}\n\nLibrary news\n\n${paragraph(LIBRARY)}\n`;
    expect(titles(text)).toEqual(['Ferry news', 'Library news']);
  });

  it('starts an article at a title repeated below its kicker', () => {
    const text = `Ferry news\n\n${paragraph(FERRY)}\n\nLibrary reopens\n\nKicker: a new era\nLibrary reopens\n\n${paragraph(LIBRARY)}\n`;
    expect(titles(text)).toEqual(['Ferry news', 'Library reopens']);
  });

  it('tells a new article from a sub-heading by the change of vocabulary', () => {
    const text = [
      'Ferry news',
      paragraph(FERRY, 12),
      'More boats for the summer',
      paragraph(FERRY, 12),
      'Vaccination drive reaches villages',
      paragraph(VACCINE, 12),
    ].join('\n\n');
    expect(titles(text)).toEqual(['Ferry news', 'Vaccination drive reaches villages']);
  });

  it('never takes numbered headings or captions for titles', () => {
    const text = `Ferry news\n\n  ${paragraph(FERRY)}\n\nChapter II Timetables\n\n  ${paragraph(FERRY)}\n\nPhoto by Lin Mei\n\n  ${paragraph(FERRY)}\n`;
    expect(titles(text)).toEqual(['Ferry news']);
    expect(ENUMERATED_HEADING.test('Part of the deal is off')).toBe(false);
    expect(ENUMERATED_HEADING.test('(twenty-three) the full implementation')).toBe(true);
    expect(CAPTION.test('新华社记者陈飞摄')).toBe(true);
    expect(CAPTION.test('试图改变地图')).toBe(false);
  });

  it('titles an article that opens with a long paragraph by its first words', () => {
    const [article] = detectTextArticles(`${paragraph(FERRY, 12)}\n`);
    expect(article?.title.length).toBeLessThanOrEqual(200);
    expect(article?.title).toMatch(/^The ferry and harbour .*[a-z,]…$/);
  });

  it.each(['000_e176ba989a97c0e6.txt', '001_fd552ae162b14d62.txt'])(
    'covers %s with articles titled by one of their own lines',
    (seed) => {
      const text = readFileSync(sharedPath('seeds', seed), 'utf8');
      const articles = detectTextArticles(text);
      expect(articles.length).toBeGreaterThanOrEqual(5);
      const lines = new Set(text.split('\n').map((l) => l.trim()));
      for (const [k, a] of articles.entries()) {
        expect(lines.has(a.title)).toBe(true);
        expect(text.slice(a.start).startsWith(a.title)).toBe(true);
        expect(text.slice(articles[k - 1]?.end ?? 0, a.start).trim()).toBe('');
      }
      expect(text.slice(articles[articles.length - 1]!.end).trim()).toBe('');
    },
  );
});
