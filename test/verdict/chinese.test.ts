import { extractQuantities } from '../../src/verdict/numbers/quantity.js';
import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import { normalizeChineseNumbers } from '../../src/verdict/zh/numbers.js';
import { cleanSenses, translateChinese } from '../../src/verdict/zh/translate.js';

describe('Chinese claims: segmentation and CC-CEDICT translation', () => {
  it('cleans dictionary senses into short English phrases', () => {
    expect(
      cleanSenses([
        'to cause cancer; carcinogenic',
        'see 潮州市[Chao2 zhou1 Shi4]',
        '(loanword) coffee',
      ]),
    ).toEqual(['cause cancer', 'carcinogenic', 'coffee']);
    // A measure word's gloss lists what it counts; those are no senses of the word itself.
    expect(cleanSenses(['seat', 'classifier for towers, bridges etc; pedestal', 'to sit'])).toEqual(
      ['seat', 'pedestal', 'sit'],
    );
  });

  it('writes a place the dictionary only points on from ("see 广东省") as a name, capitalised', async () => {
    const tools = await loadChineseTools();
    const { english, terms } = translateChinese('广东的渡轮增加了', tools);
    expect(english).toMatch(/^Guangdong\b/);
    expect(terms[0]).toMatchObject({
      isEntity: true,
      alts: expect.arrayContaining([['guangdong']]),
    });
    // Its figures now carry the name, as an English claim's do.
    expect(
      extractQuantities(translateChinese('广东的渡轮有120艘', tools).english)[0]?.names,
    ).toContain('guangdong');
  });

  it('glosses a word by its first entries that have senses, not by variant-only ones', async () => {
    const tools = await loadChineseTools();
    // 只 is first listed as variants of other characters; "only" is its sense here.
    const { english } = translateChinese('渡轮票价只上涨了5元', tools);
    expect(english).toMatch(/\bonly\b/);
  }, 60_000);

  it('translates a Chinese question into English query words and claim terms', async () => {
    const tools = await loadChineseTools();
    const t = translateChinese('喝星巴克咖啡会致癌', tools);
    expect(t.english).toContain('Starbucks');
    expect(t.english).toContain('coffee');
    expect(
      t.terms.some((term) =>
        term.alts.some((a) => a.includes('cancer') || a.includes('carcinogen')),
      ),
    ).toBe(true);
  }, 60_000);

  it('normalises numbers and transliterates names the dictionary lacks', async () => {
    const tools = await loadChineseTools();
    const t = translateChinese('上海已建成2.1万张床位，书记陈婉兰今年68岁', tools);
    expect(t.english).toContain('21000');
    expect(t.english).toContain('68 years old');
    // Written as English texts write a name, so that what reads names reads it too.
    expect(t.english).toContain('Chen Wanlan');
  }, 60_000);

  it('counts the words that name a document or its writer little, as in English', async () => {
    const tools = await loadChineseTools();
    // "An article says the town's ferry fares rose": the fact is the fares, not the article.
    const { terms } = translateChinese('文章称小镇渡轮票价上涨', tools);
    const weightOf = (english: string) =>
      terms.find((t) => t.alts.some((a) => a.includes(english)))?.scale;
    expect(weightOf('articl')).toBeLessThan(1);
    expect(weightOf('ferri')).toBe(1);
  }, 60_000);

  it('renders a company by its name and initials, not by its country or kind of body', async () => {
    const tools = await loadChineseTools();
    // 中远: "China Ocean Shipping Company (COSCO)". "China" alone would find every sentence
    // about the country; the initials are how English texts name it.
    const alts = translateChinese('中远的船队扩大了', tools).terms.flatMap((t) =>
      t.alts.map((a) => a.join(' ')),
    );
    expect(alts).toContain('cosco');
    expect(alts).not.toContain('china');
    expect(alts.some((a) => a.endsWith('compani'))).toBe(false);
  }, 60_000);

  it("takes a one-word name only from the dictionary's short name, not from a description", async () => {
    const tools = await loadChineseTools();
    // 金凤区: "Jinfeng district of Yinchuan city 银川市, Ningxia": the district, not its region.
    const { english } = translateChinese('金凤区的渡轮', tools);
    expect(english).toMatch(/Jinfeng/);
    expect(english).not.toMatch(/Ningxia/);
  }, 60_000);

  it('names a body by one word and what it is of, not by the word alone', async () => {
    const tools = await loadChineseTools();
    // 教育部: "Ministry of Education"; "Ministry" alone would meet every ministry of a text.
    const t = translateChinese('教育部发布通知', tools);
    expect(t.english).toContain('Ministry of Education');
    const alts = t.terms.flatMap((term) => term.alts).map((a) => a.join(' '));
    expect(alts).not.toContain('ministri');
    // 部 is rendered "Ministry" and "Department" alike.
    expect(alts).toContain('depart educ');
  }, 60_000);

  it('reads a piece of an unknown word in its common sense, not as a name', async () => {
    const tools = await loadChineseTools();
    // 新能源 is split into 新 + 能源; 新 is "new" there, not the surname or the abbreviation "Xin".
    const { english } = translateChinese('小镇的新能源渡轮', tools);
    expect(english).toMatch(/\bnew energy\b/);
    expect(english).not.toMatch(/\bxin\b/i);
  }, 60_000);

  it('keeps a name written in Latin letters as a term, as in an English claim', async () => {
    const tools = await loadChineseTools();
    const { terms } = translateChinese('Quillpad软件在前三季度很受欢迎', tools);
    expect(terms.map((t) => t.alts[0]!.join(' '))).toContain('quillpad');
    // Words the number rewriting puts in ("the first 3 quarters") are not the claim's.
    expect(terms.map((t) => t.alts[0]!.join(' '))).not.toContain('quarter');
  }, 60_000);

  it('writes an unknown name as English writes a place or firm: one word, then its kind', async () => {
    const tools = await loadChineseTools();
    // Invented: a county and a firm the dictionary lacks.
    const county = translateChinese('鹤坪县今年新修公路80公里。', tools);
    expect(county.english).toMatch(/^Heping county\b/);
    expect(county.terms[0]).toMatchObject({ label: 'Heping', prefixes: ['heping'] });
    // The same when the segmenter cuts the name from its kind (翎港 + 县).
    expect(translateChinese('翎港县今年新修公路80公里。', tools).english).toMatch(
      /^Linggang county\b/,
    );
    const firm = translateChinese('梧岚上半年营收增长了5%。', tools);
    expect(firm.english).toMatch(/^Wu Lan\b/);
    // Met as one word ("Wulan Foods") or as a person's given name ("Wu Lan").
    expect(firm.terms[0]!.alts).toEqual(expect.arrayContaining([['wulan'], ['lan']]));
  }, 60_000);

  it('reads pieces the segmenter cuts wrongly: a unit fused with the next word, 占比, 不等', async () => {
    const tools = await loadChineseTools();
    // Invented: a fine "ranging from 300 to 5,000 yuan", and a share "less than 2%".
    const fine = translateChinese('渡轮违规可罚款300元至5千元不等。', tools);
    expect(fine.english).toMatch(/300 yuan 5000 yuan ranging/);
    expect(fine.negations).toBe(0);
    // 5千 is 5,000 (and 1.2千万 12 million), not 5 and 1,000 side by side.
    expect(normalizeChineseNumbers('1.2千万人')).toContain('12000000');
    const share = translateChinese('晚点班次占比不到2%。', tools).english;
    expect(extractQuantities(share)[0]).toMatchObject({ value: 2, role: 'share', bound: 'lt' });
    // 占比 before 比 ("than"), cut 占 / 比比; and comparison words glued together (多约).
    expect(translateChinese('晚点班次占比比去年高出2个百分点。', tools).english).toMatch(
      /accounting for than last year/,
    );
    expect(translateChinese('渡轮数量比东港多约30艘。', tools, true).english).toMatch(
      /many about 30/,
    );
    // 不等于 stays a negation.
    expect(translateChinese('票价不等于成本。', tools).negations).toBe(1);
  }, 60_000);

  it('reads a place kind after a name, a warning 千万, a glued negation and 翻了一倍', async () => {
    const tools = await loadChineseTools();
    // Invented: a city and a province the dictionary lacks, their kind cut off by the segmenter.
    expect(translateChinese('鹤溪市今年新建学校3所。', tools).english).toMatch(/^Hexi city\b/);
    expect(translateChinese('靖岚省明年起推行新规。', tools).english).toMatch(/\bprovince\b/);
    expect(translateChinese('靖岚省明年起推行新规。', tools).english).not.toMatch(/\bsave\b/);
    // 千万 before a warning is "by all means": no figure of ten million.
    expect(extractQuantities(translateChinese('买二手车千万当心！', tools).english)).toEqual([]);
    expect(normalizeChineseNumbers('投资上千万元')).toContain('10000000');
    // 没涨 is "did not rise", not a name.
    const flat = translateChinese('渡轮票价没涨，还是每张12元。', tools);
    expect(flat.english).toMatch(/\bnot rise\b/);
    expect(flat.negations).toBe(1);
    expect(normalizeChineseNumbers('罚款上限翻了一倍')).toContain('doubled');
  }, 60_000);

  it('joins a surname the segmenter left alone to the given name after it', async () => {
    const tools = await loadChineseTools();
    // Invented people: 葛 + 明哲 and 喻 + 春风, cut apart and read as words ("spring breeze").
    expect(translateChinese('局长葛明哲说，渡轮票价不变。', tools).english).toMatch(/Ge Mingzhe/);
    expect(translateChinese('主任喻春风介绍了进展。', tools).english).toMatch(/Yu Chunfeng/);
  }, 60_000);

  it('reads a word in its common sense unless the segmenter takes it for a name', async () => {
    const tools = await loadChineseTools();
    // Invented: the dictionary also lists 新 as short for Xinjiang and 老板 as a brand.
    const rules = translateChinese('新渡轮条例生效后，老板要加装救生设备。', tools);
    expect(rules.english).toMatch(/^new\b/);
    expect(rules.english).toMatch(/\bboss\b/);
    expect(rules.english).not.toMatch(/Xin|Canada/);
    expect(rules.terms.filter((t) => t.isEntity)).toEqual([]);
    // 元 after a figure is still the currency, met as "yuan".
    const fare = translateChinese('渡轮票价12元。', tools).terms.find((t) => t.label === 'Yuan');
    expect(fare?.alts).toContainEqual(['yuan']);
  }, 60_000);

  it('keeps list marks, so each figure of a list keeps its own words', async () => {
    const tools = await loadChineseTools();
    const claim = translateChinese('学校新建教室12间、宿舍340间。', tools).english;
    const [rooms, halls] = extractQuantities(claim);
    // Without the mark, the words after 12 ran on into the next item ("dormitory").
    expect(rooms!.after.join(' ')).not.toMatch(/dormitor/);
    expect(halls!.before.join(' ')).toMatch(/dormitor/);
  }, 60_000);

  it('drops a measure word after a figure, so the figure is of what the sentence names', async () => {
    const tools = await loadChineseTools();
    const render = (text: string) => translateChinese(text, tools).english;
    // Invented: 条 read "strip", 名 "name", 起 "rise", 家 "home" after a figure.
    expect(render('渡轮公司收到投诉80多条。')).not.toMatch(/strip/);
    expect(render('码头招收了30名船员。')).not.toMatch(/\bname\b/);
    expect(render('今年查处超载案件12起。')).not.toMatch(/\brise\b/);
    expect(render('全市有3家渡轮公司。')).not.toMatch(/\bhome\b/);
    // Units with a meaning of their own stay; a measure word not after a figure keeps its sense.
    expect(render('船票涨了5元。')).toMatch(/5 yuan/i);
    // The currency is written as English texts write it, not as a name ("Yuan", the dynasty).
    const [fare] = extractQuantities(render('船票是5元。'));
    expect(fare).toMatchObject({ kind: 'money', names: [] });
    expect(render('这家公司起诉了码头。')).toMatch(/sue|prosecute/);
    const [crew] = extractQuantities(render('码头招收了30名船员。'));
    expect(crew!.after.join(' ')).toMatch(/crew|sailor|seaman/);
  }, 60_000);
});

describe('Chinese claims: the year before, and foreign currencies', () => {
  it('reads 上一年 and 同一天 as "the previous year" and "the same day", not as counts of one', async () => {
    const tools = await loadChineseTools();
    expect(normalizeChineseNumbers('收入比上一年多出5万元')).toContain('上一年');
    expect(normalizeChineseNumbers('同一天开通了3条线路')).toContain('同一天');
    // 一年内, 一年来: "within the year", "over the past year"; 两成 is 20%.
    expect(normalizeChineseNumbers('渡口客流一年来增长了两成')).not.toMatch(/1|一/);
    expect(normalizeChineseNumbers('渡口客流一年来增长了两成')).toContain('20%');
    expect(normalizeChineseNumbers('一年内新开3条航线')).toMatch(/^年内/);
    // A count of one stays one.
    expect(normalizeChineseNumbers('新开一家门店')).toContain('1家');
    expect(translateChinese('石岚的收入比上一年多出5万元', tools).english).not.toMatch(
      /\b1 years?\b/,
    );
  }, 60_000);

  it('says a foreign currency after a figure as English texts do, not as a name', async () => {
    const tools = await loadChineseTools();
    const { english, terms } = translateChinese('砚湖机场的停车收入达到673万英镑', tools);
    expect(english).toMatch(/\b6730000 pounds\b/);
    expect(terms.find((t) => t.label === 'pounds')?.isEntity).toBe(false);
    expect(translateChinese('预算为2930万欧元', tools).english).toMatch(/\b29300000 euros\b/);
    // The figure is money, as "£9.4 million" is in an English text.
    expect(
      extractQuantities(translateChinese('砚湖机场的停车收入达到673万英镑', tools).english)[0],
    ).toMatchObject({ kind: 'money', value: 6_730_000 });
  }, 60_000);
});
