import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  loadSource,
  splitPassages,
  splitSentences,
  type LoadedSource,
} from '../../src/ingest/index.js';
import type { Passage } from '../../src/types.js';
import { SHARED_DIR, sharedPath } from '../support/shared.js';

const SEEDS = ['000_e176ba989a97c0e6.txt', '001_fd552ae162b14d62.txt'];

interface Evidence {
  file: string;
  quote: string;
}
const dev = readFileSync(sharedPath('eval', 'dev.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { id: string; evidence: Evidence[] });

describe('ingest of the seed documents', () => {
  const loaded = new Map<string, { source: LoadedSource; passages: Passage[] }>();

  beforeAll(async () => {
    for (const seed of SEEDS) {
      const source = await loadSource(path.join(SHARED_DIR, 'seeds'), seed);
      loaded.set(seed, { source, passages: splitPassages(source) });
    }
  });

  it.each(SEEDS)('keeps exact offsets for every passage of %s', (seed) => {
    const { source, passages } = loaded.get(seed)!;
    expect(source.text).toBe(readFileSync(sharedPath('seeds', seed), 'utf8'));
    expect(passages.length).toBeGreaterThan(100);
    for (const p of passages) {
      expect(source.text.slice(p.start, p.end)).toBe(p.text);
      expect(p.source).toBe(seed);
      expect(p.text).toBe(p.text.trim());
    }
  });

  it.each(SEEDS)('never cuts a sentence of %s', (seed) => {
    const { source, passages } = loaded.get(seed)!;
    const sentences = splitSentences(source.text);
    const starts = new Set(sentences.map((s) => s.start));
    const ends = new Set(sentences.map((s) => s.end));
    // Only sentences longer than a passage may be cut, at a clause break.
    const long = sentences.filter((s) => s.end - s.start > 800);
    const insideLong = (i: number) => long.some((s) => s.start < i && i < s.end);
    for (const p of passages) {
      expect(starts.has(p.start) || insideLong(p.start)).toBe(true);
      expect(ends.has(p.end) || insideLong(p.end)).toBe(true);
    }
  });

  it.each(SEEDS)('never lets a passage cross an article of %s', (seed) => {
    const { source, passages } = loaded.get(seed)!;
    const articles = new Map(source.articles.map((a) => [a.docId, a]));
    expect(articles.size).toBe(source.articles.length);
    for (const p of passages) {
      const article = articles.get(p.docId)!;
      expect(p.start).toBeGreaterThanOrEqual(article.start);
      expect(p.end).toBeLessThanOrEqual(article.end);
      expect(p.title).toBe(article.title);
    }
  });

  it('keeps every evidence quote of the dev claims inside one passage', () => {
    const quotes = dev.flatMap((d) => d.evidence);
    expect(quotes.length).toBeGreaterThan(30);
    const missing = quotes.filter(({ file, quote }) => {
      const { source, passages } = loaded.get(file)!;
      const start = source.text.indexOf(quote);
      expect(start).toBeGreaterThanOrEqual(0);
      return !passages.some((p) => p.start <= start && p.end >= start + quote.length);
    });
    expect(missing).toEqual([]);
  });

  it('gives the Truth paragraphs of the rumor inventory the rumor as their section', () => {
    const { source, passages } = loaded.get(SEEDS[1]!)!;
    const truths = passages.filter((p) => p.text.includes('Truth:'));
    expect(truths.length).toBeGreaterThanOrEqual(4);
    expect(new Set(truths.map((p) => p.section)).size).toBeGreaterThanOrEqual(4);
    for (const p of truths) {
      const heading = p.section!;
      // The section is a line of the source, standing above the passage in the same article.
      const at = source.text.lastIndexOf(heading, p.end);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(p.start - at).toBeLessThan(3000);
      expect(heading).not.toMatch(/^Truth/);
    }
  });
});
