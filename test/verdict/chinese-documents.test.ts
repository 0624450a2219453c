import fs from 'node:fs';
import path from 'node:path';
import type { Checker } from '../../src/verdict/checker-types.js';
import { compareQuantities } from '../../src/verdict/numbers/compare.js';
import { extractQuantities } from '../../src/verdict/numbers/quantity.js';
import { cutChinese } from '../../src/index/tokenize.js';
import { chineseComparisonRank, chineseOpposite } from '../../src/verdict/stance/comparison.js';
import { futureAbout, negatesAny } from '../../src/verdict/stance/cues.js';
import { chineseWords, stemWord } from '../../src/verdict/text/terms.js';
import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import {
  englishReading,
  pinyinSpellings,
  translateChinese,
} from '../../src/verdict/zh/translate.js';
import { INDEX_BUILD_TIMEOUT_MS } from '../server/support/real-checker.js';
import { smallKnowledge, type SmallKnowledge } from '../server/support/small-knowledge.js';

/** An invented Chinese news item, as an operator might load their own documents. */
const LIBRARY_DOC = `# 石岚区图书馆改造完成

石岚区图书馆改造工程于6月完工，总投资3500万元，新增阅览座位800个。

区文化局局长刘海波表示，图书馆开放时间将延长至每晚21点，周一闭馆。

网上有传言称图书馆将开始收取门票，区文化局回应说，这一说法不实，图书馆继续免费开放。
`;

describe('Chinese documents: words, negation and figures read in Chinese', () => {
  it('reads a Chinese text into its words and the words inside them, without function words', () => {
    const words = chineseWords('全市将新增120辆纯电动公交车。');
    expect(words).toEqual(expect.arrayContaining(['公交车', '公交', '新增']));
    expect(words).not.toContain('将');
    expect(chineseWords('No Chinese here.')).toEqual([]);
  });

  it('gives a Chinese claim’s terms their Chinese words beside the English glosses', async () => {
    const tools = await loadChineseTools();
    const { terms } = translateChinese('图书馆将开始收取门票', tools);
    const ticket = terms.find((t) => t.alts.some((a) => a.includes('门票')));
    expect(ticket).toBeDefined();
    // The English renderings come first: English documents are read as before.
    expect(ticket!.alts[0]!.every((stem) => /^[a-z]+$/.test(stem))).toBe(true);
  }, 60_000);

  it('reads a Chinese sentence’s figures with their own year, not the base of its comparison', async () => {
    const tools = await loadChineseTools();
    const { english } = translateChinese(
      '截至2022年底，宽带家庭占比达到78%，比2016年提高了14个百分点。',
      tools,
    );
    const figures = extractQuantities(english);
    // Word by word, "78% than 2016": 2016 is what the rise is measured from.
    expect(figures.find((f) => f.value === 78 && f.kind === 'percent')?.when?.year).toBe(2022);
    const claim = translateChinese('2016年宽带家庭占比是64%。', tools).english;
    const [year, share] = compareQuantities(extractQuantities(claim), figures, claim);
    expect(share).toMatchObject({ status: 'derived', computation: '78% − 14 points = 64%' });
    // The year worked back to is the base the text names, not contradicted by the level's 2022.
    expect(year).toMatchObject({ status: 'match', evidence: { value: 2016 } });
  }, 60_000);

  it('reads a document’s change of level as English says it, its two levels one thing', async () => {
    const tools = await loadChineseTools();
    const { english } = translateChinese('渡轮押金由90元降至60元。', tools, true);
    expect(english).toContain('from 90 yuan fell to 60 yuan');
    const [before, after] = extractQuantities(english);
    expect(after).toMatchObject({ value: 60, changedFrom: before!.value });
  }, 60_000);

  it('finds a Chinese negation of the claim’s word, on whole words', () => {
    const said = (...words: string[]) => new Set(words);
    expect(negatesAny('此次工程不会上调水价。', said('水价'), stemWord)).toBe(true);
    expect(negatesAny('该说法不实，目前没有全面免费的计划。', said('免费'), stemWord)).toBe(true);
    // 未来 (future) and 非常 (very) hold a negation character but negate nothing.
    expect(negatesAny('未来三年计划再投入2亿元。', said('计划'), stemWord)).toBe(false);
    expect(negatesAny('这个计划非常成功。', said('计划'), stemWord)).toBe(false);
    // A bound is no denial; nor is a negation in another clause.
    expect(negatesAny('罚款不超过5万元。', said('罚款'), stemWord)).toBe(false);
    expect(negatesAny('水价没有变化，计划照常推进。', said('计划'), stemWord)).toBe(false);
    // A negated ban allows the thing: no negation; the ban alone is one.
    expect(negatesAny('该区从未出台禁止渔船进港的规定。', said('渔船'), stemWord)).toBe(false);
    expect(negatesAny('该区禁止渔船进港。', said('渔船'), stemWord)).toBe(true);
  });

  it('meets an English claim’s words in a Chinese negation through their senses', async () => {
    const tools = await loadChineseTools();
    const senses = (w: string) => englishReading(w, tools).stems;
    const said = new Set([stemWord('fare')]);
    expect(negatesAny('此次改革不会上调票价。', said, stemWord, senses)).toBe(true);
    expect(negatesAny('此次改革将上调票价。', said, stemWord, senses)).toBe(false);
  }, 60_000);

  it('reads a Chinese plan over its whole sentence, and 将 before a change of level as no plan', () => {
    const said = (...words: string[]) => new Set(words);
    expect(
      futureAbout('港务局计划在2027年3月底前，完成全部渡口的改造。', said('渡口'), stemWord),
    ).toBe(true);
    expect(futureAbout('全区今年将新增30艘渡轮。', said('渡轮'), stemWord)).toBe(true);
    expect(futureAbout('港务局将渡轮票价由5元调整为3元。', said('票价'), stemWord)).toBe(false);
    expect(futureAbout('全部渡口的改造已经完成。', said('渡口'), stemWord)).toBe(false);
  });

  it('finds the opposite direction word of a Chinese claim in a Chinese sentence', () => {
    const cut = (t: string) => cutChinese(t);
    expect(chineseOpposite(cut('渡轮票价比公交低20%'), cut('渡轮票价比公交高出20%'))).toBe(true);
    expect(chineseOpposite(cut('客流比去年减少了'), cut('客流比去年增加了一成'))).toBe(true);
    expect(chineseOpposite(cut('候船时间延长了'), cut('候船时间比上年缩短'))).toBe(true);
    // Sides of a place, a half of the year, good and poor.
    expect(chineseOpposite(cut('新码头建在港区西部'), cut('新码头建在港区东部'))).toBe(true);
    expect(chineseOpposite(cut('渡轮下半年开通'), cut('渡轮将于上半年开通'))).toBe(true);
    expect(chineseOpposite(cut('水质检测结果良好'), cut('水质检测结果较差'))).toBe(true);
    expect(chineseOpposite(cut('票价提高了'), cut('票价提高了两元'))).toBe(false);
    // 提高 (raise) holds 高 but says neither 高 nor 低.
    expect(chineseOpposite(cut('票价低于公交'), cut('票价提高了两元'))).toBe(false);
    // Any verb of a fall against any of a rise.
    expect(chineseOpposite(cut('渡轮客流下降了3个百分点'), cut('渡轮客流提高3个百分点'))).toBe(
      true,
    );
  });

  it('finds a Chinese comparison of two sides told the other way round, a clause apart', () => {
    const text = '东港建成码头12个，比西港多3个。';
    expect(chineseComparisonRank('西港建成的码头比东港多3个。', text)).toBe('reversed');
    expect(chineseComparisonRank('东港建成的码头比西港多3个。', text)).not.toBe('reversed');
    expect(chineseComparisonRank('西港建成的码头比东港少3个。', text)).not.toBe('reversed');
  });
});

describe('checking Chinese claims against Chinese documents', () => {
  let kb: SmallKnowledge;
  let checker: Checker;
  beforeAll(async () => {
    kb = smallKnowledge({ 'library.md': LIBRARY_DOC }, { CHECK_WORKERS: 1 });
    checker = await kb.load();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await checker?.close();
    kb?.remove();
  });

  const source = () => fs.readFileSync(path.join(kb.knowledgeDir, 'library.md'), 'utf8');

  it('supports a restatement, quoting the Chinese sentence at its exact place, with no note that the quotes are English', async () => {
    const result = await checker.check('石岚区图书馆改造总投资3500万元，新增了800个阅览座位。');
    expect(result.verdict).toBe('SUPPORTED');
    const cited = result.citations.find((c) => c.stance === 'supports');
    expect(cited?.quote).toContain('3500万元');
    expect(source().slice(cited!.start, cited!.end)).toBe(cited!.quote);
    expect(result.answer).toContain('属实');
    expect(result.answer).not.toContain('英文');
  });

  it('refutes a changed figure with the sentence that states the real one', async () => {
    const result = await checker.check('石岚区图书馆改造总投资达到了5000万元。');
    expect(result.verdict).toBe('REFUTED');
    expect(result.citations.find((c) => c.stance === 'refutes')?.quote).toContain('3500万元');
  });

  it('says a claim the document does not address is not settled', async () => {
    const result = await checker.check('石岚区明年将新建一座游泳馆。');
    expect(result.verdict).toBe('NOT_ENOUGH_INFO');
  });

  it('leaves unmeasured how many of a Chinese claim’s renderings the texts lack, when it is read against a Chinese sentence', async () => {
    // Its own words meet the Chinese text; renderings unseen say something only of English texts.
    const [zh] = await checker.features('石岚区图书馆改造总投资达到了5000万元。');
    expect(Number.isNaN(zh!.features.translated_unseen)).toBe(true);
    expect(zh!.features.cov_sentence).toBeGreaterThan(0.5);
  });

  it('reads the Chinese sentences for an English claim: their senses, figures and names in pinyin', async () => {
    const [features] = await checker.features(
      'The Shilan library renovation added 800 reading seats, with total investment of 35 million yuan.',
    );
    // The sentence's words met through its rendering and "Shilan" through its pinyin; both figures
    // read in it.
    expect(features!.features.cov_sentence).toBeGreaterThan(0.5);
    expect(features!.features.num_match_share).toBe(1);
    const changed = await checker.check(
      'The Shilan library renovation cost 50 million yuan in total.',
    );
    expect(changed.citations[0]?.quote).toContain('3500万元');
    expect(changed.verdict).not.toBe('SUPPORTED');
  });
});

/** An invented rumour the text reports, then answers a sentence later. */
const RUMOUR_DOC = `# 石岚区回应渡轮传言

近日，网上流传一则消息，称“石岚区所有渡轮下月起全部停运”，引发部分市民担忧。

区交通局随即核实了有关情况。经核查，全区渡轮将按原计划运营，网传说法不实。
`;

describe('a rumour a Chinese text reports, then calls untrue', () => {
  let kb: SmallKnowledge;
  let checker: Checker;
  beforeAll(async () => {
    kb = smallKnowledge({ 'ferry.md': RUMOUR_DOC }, { CHECK_WORKERS: 1 });
    checker = await kb.load();
  }, INDEX_BUILD_TIMEOUT_MS);
  afterAll(async () => {
    await checker?.close();
    kb?.remove();
  });

  it('refutes a claim restating the rumour with the answer, not the report', async () => {
    const result = await checker.check('转发！石岚区所有渡轮下月起全部停运了！');
    expect(result.verdict).toBe('REFUTED');
    const quotes = result.citations.filter((c) => c.stance === 'refutes').map((c) => c.quote);
    expect(quotes.some((q) => q.includes('网传说法不实'))).toBe(true);
    // The report's words are the rumour's: the sentence after it supports nothing.
    expect(result.citations.filter((c) => c.stance === 'supports')).toEqual([]);
  });

  it('reads nothing the report says against a claim that denies the rumour', async () => {
    // The rules' reading (the model's features): the report contradicts no denial of it.
    const [denial] = await checker.features('石岚区渡轮下月起不会停运。');
    expect(denial!.rule).not.toBe('REFUTED');
    expect(denial!.features.negation_mismatch).toBe(0);
  });
});

describe('English readings of Chinese names', () => {
  it('spells a name in pinyin as English texts do, without its kind of place, ü as u or v', async () => {
    const tools = await loadChineseTools();
    expect(pinyinSpellings('石岚区', tools)).toContain('shilan');
    expect(pinyinSpellings('绿水', tools)).toEqual(expect.arrayContaining(['lvshui', 'lushui']));
  }, 60_000);
});
