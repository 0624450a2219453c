import { readFileSync } from 'node:fs';
import { loadSource, parseSource, splitPassages } from '../../src/ingest/index.js';
import { sharedPath } from '../support/shared.js';

describe('BEIR corpus ingest (scifact)', () => {
  it('loads every record with its _id as document id and exact offsets', async () => {
    const loaded = await loadSource(sharedPath('datasets', 'scifact-beir'), 'corpus.jsonl');
    const ids = readFileSync(sharedPath('datasets', 'scifact-beir', 'corpus.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { _id: string })._id);
    expect(loaded.kind).toBe('beir');
    expect(loaded.articles.map((a) => a.docId)).toEqual(ids);
    const passages = splitPassages(loaded);
    expect(new Set(passages.map((p) => p.docId)).size).toBe(ids.length);
    // Escaped records carry their decoded text, which is what the raw span encodes.
    const wrong = passages.filter(
      (p) =>
        loaded.text.slice(p.start, p.end) !== p.text ||
        (p.plainText !== undefined && JSON.parse(`"${p.text}"`) !== p.plainText),
    );
    expect(wrong).toEqual([]);
    expect(passages.filter((p) => p.plainText !== undefined).length).toBeGreaterThan(100);
  });
});

describe('line endings', () => {
  it('treats CRLF text like LF text', () => {
    const lf = readFileSync(sharedPath('seeds', '001_fd552ae162b14d62.txt'), 'utf8');
    const crlf = lf.replace(/\n/g, '\r\n');
    const titles = (text: string) => parseSource('seed.txt', 'text', text).map((a) => a.title);
    expect(titles(crlf)).toEqual(titles(lf));
    const loaded = {
      source: 'seed.txt',
      text: crlf,
      hash: '',
      kind: 'text' as const,
      articles: parseSource('seed.txt', 'text', crlf),
    };
    for (const p of splitPassages(loaded)) {
      expect(crlf.slice(p.start, p.end)).toBe(p.text);
      expect(p.text).toBe(p.text.trim());
    }
  });
});
