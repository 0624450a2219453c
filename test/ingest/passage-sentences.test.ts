import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config/config.js';
import {
  listSources,
  loadSource,
  passageSentences,
  splitPassages,
  splitSentences,
} from '../../src/ingest/index.js';

const KNOWLEDGE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'ingest', 'knowledge');

describe('passageSentences', () => {
  it('gives exact source offsets for the sentences of every kind of source', async () => {
    for (const source of await listSources(KNOWLEDGE)) {
      const loaded = await loadSource(KNOWLEDGE, source);
      for (const passage of splitPassages(loaded)) {
        const sentences = passageSentences(passage);
        expect(sentences.length).toBeGreaterThan(0);
        for (const s of sentences) {
          expect(loaded.text.slice(s.start, s.end)).toBe(s.text);
          expect(s.start).toBeGreaterThanOrEqual(passage.start);
          expect(s.end).toBeLessThanOrEqual(passage.end);
        }
        // The readable sentences are the readable passage, cut at sentence ends.
        const readable = sentences.map((s) => s.plainText ?? s.text).join(' ');
        expect(readable.replace(/\s+/g, ' ')).toBe(
          (passage.plainText ?? passage.text).replace(/\s+/g, ' '),
        );
      }
    }
  });

  it('decodes escapes and drops tags in the readable text of a sentence', async () => {
    const json = await loadSource(KNOWLEDGE, 'notes/records.jsonl');
    const cafe = splitPassages(json).find((p) => p.docId === 'w-2')!;
    expect(passageSentences(cafe).map((s) => s.plainText ?? s.text)).toEqual([
      'The council said: "Cafés may open until 23:00."',
      'The rule starts in June.',
      '😀 Owners welcomed it.',
    ]);
    const html = await loadSource(KNOWLEDGE, 'notes/page.html');
    const sentences = splitPassages(html).flatMap(passageSentences);
    const last = sentences[sentences.length - 1]!;
    expect(last.plainText).toBe(
      'Engineers said the deck will need no major work for 25 years — "if the salt is kept off it".',
    );
    expect(last.text).toContain('&mdash;');
  });

  it('matches splitSentences on plain text passages', async () => {
    const loaded = await loadSource(KNOWLEDGE, 'notes/digest.txt');
    for (const p of splitPassages(loaded)) {
      expect(passageSentences(p).map(({ start, end }) => ({ start, end }))).toEqual(
        splitSentences(p.text, p.start),
      );
    }
  });
});
