import { analyzeClaim } from '../../src/verdict/claim-analysis.js';
import { buildSentenceStore } from '../../src/verdict/evidence/sentence-store.js';
import { soundedTerms } from '../../src/verdict/evidence/sounded-names.js';
import { sentenceHasTerm } from '../../src/verdict/match/coverage.js';
import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import { englishSounds, pinyinSound, pinyinSounds } from '../../src/verdict/zh/sounds.js';
import { translateChinese } from '../../src/verdict/zh/translate.js';

/** A store of one English document (invented names throughout). */
function storeOf(text: string) {
  return buildSentenceStore([
    {
      docId: 'd1',
      title: 'Council report',
      source: 'report.txt',
      start: 0,
      end: text.length,
      text,
    },
  ]);
}

describe('foreign names written in Chinese by their sound', () => {
  it('reduces an English name and its transliteration to the same consonants', () => {
    // l and r alike, vowels free, an "h" inside a cluster dropped on both sides.
    expect(englishSounds('Eastvale')).toContain(pinyinSound(['yi', 'si', 'te', 'wei', 'er']));
    expect(englishSounds('Brackenwell')).toContain(pinyinSound(['bu', 'la', 'ken', 'wei', 'er']));
    // A final or pre-consonant "r" after a vowel is often silent in the Chinese writing.
    expect(englishSounds('Kestwater')).toContain(pinyinSound(['ke', 'si', 'te', 'wo', 'te']));
    // Other names keep other consonants.
    expect(englishSounds('Ardlow')).not.toContain(pinyinSound(['yi', 'si', 'te', 'wei', 'er']));
  });

  it('tries each reading of a character with several (什 "shi" in a name, "shen" in 什么)', () => {
    expect(pinyinSounds([['ai'], ['de'], ['shen', 'shi']])).toEqual(['TSN', 'TS']);
  });

  it("joins a name the segmenter cut into pieces with senses of their own, and keeps a Chinese name's", async () => {
    const tools = await loadChineseTools();
    const foreign = translateChinese('布拉肯维尔议会关闭了3个诊所。', tools);
    const name = foreign.terms.find((t) => t.sounds);
    expect(name).toMatchObject({
      isEntity: true,
      alts: expect.arrayContaining([['布拉肯维尔']]),
    });
    expect(foreign.english).not.toMatch(/\bagree\b/); // 肯 read as a piece of the name
    // A Chinese name the segmenter read whole, starting with a surname, is no foreign one.
    const chinese = translateChinese('石岚的马丽华说，东西涨价了。', tools);
    expect(chinese.terms.some((t) => t.sounds)).toBe(false);
    expect(chinese.english).toMatch(/\bMa Lihua\b/);
  }, 60_000);

  it("meets a Chinese claim's transliterated name in the English document that writes it", async () => {
    const tools = await loadChineseTools();
    const store = storeOf(
      'Brackenwell Council closed three clinics in March. The Ardlow depot stayed open.',
    );
    const claim = analyzeClaim(
      '布拉肯维尔议会关闭了3个诊所。',
      'zh',
      false,
      translateChinese('布拉肯维尔议会关闭了3个诊所。', tools),
    );
    const before = claim.terms.find((t) => t.sounds)!;
    expect(sentenceHasTerm(store.sentences[0]!, before)).toBe(false);
    const after = soundedTerms(claim.terms, store).find((t) => t.sounds)!;
    expect(after.label).toBe('Brackenwell');
    expect(sentenceHasTerm(store.sentences[0]!, after)).toBe(true);
    expect(sentenceHasTerm(store.sentences[1]!, after)).toBe(false);
  }, 60_000);

  it('leaves a short sound alone when the documents hold several names that sound so', async () => {
    const tools = await loadChineseTools();
    // 米尔 (two consonants, M and R) could be Mell or Moira: neither is taken.
    const store = storeOf('Mell Yard and Moira Street were tested. Both passed.');
    const claim = analyzeClaim(
      '米尔的样本合格。',
      'zh',
      false,
      translateChinese('米尔的样本合格。', tools),
    );
    expect(claim.terms.some((t) => t.sounds)).toBe(true);
    const terms = soundedTerms(claim.terms, store);
    expect(terms.some((t) => t.label === 'Mell' || t.label === 'Moira')).toBe(false);
    // With one such name only, it is the one.
    const one = soundedTerms(claim.terms, storeOf('Mell Yard was tested. It passed.'));
    expect(one.some((t) => t.label === 'Mell')).toBe(true);
  }, 60_000);
});
