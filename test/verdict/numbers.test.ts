import { MAX_COMPUTED_FIGURES, textComputations } from '../../src/verdict/numbers/arithmetic.js';
import { compareQuantities, MAX_FIGURES } from '../../src/verdict/numbers/compare.js';
import { derive, type Ops } from '../../src/verdict/numbers/derive.js';
import { extractQuantities } from '../../src/verdict/numbers/quantity.js';
import { loadChineseTools } from '../../src/verdict/zh/dictionary.js';
import { chineseNumeralValue, normalizeChineseNumbers } from '../../src/verdict/zh/numbers.js';
import { translateChinese } from '../../src/verdict/zh/translate.js';

const q = (text: string) => extractQuantities(text);
/** The claim's figures read against the text's, as the checker reads them. */
const compare = (claim: string, text: string) => compareQuantities(q(claim), q(text), claim);

describe('numbers: extraction', () => {
  it('reads thousands separators, decimals, scales, percentages and money', () => {
    const found = q(
      'Output was 4,215.375 billion yuan, up 12.4%, after $4 billion in relief and 31,562 infections.',
    );
    expect(found.map((x) => [x.value, x.kind])).toEqual([
      [4_215_375_000_000, 'money'],
      [12.4, 'percent'],
      [4_000_000_000, 'money'],
      [31562, 'count'],
    ]);
  });

  it('reads "m", "bn" and "k" after a figure as its scale, "m" and "k" only after money', () => {
    const found = q(
      'Sales reached £270m, profit $3.2bn and fees €45k; a 100m sprint and 45m users.',
    );
    expect(found.map((x) => [x.value, x.kind])).toEqual([
      [270_000_000, 'money'],
      [3_200_000_000, 'money'],
      [45_000, 'money'],
      [100, 'count'],
      [45, 'count'],
    ]);
  });

  it('keeps a bound said before what a fraction is of (不到……的一半), and reads 周岁 as years of age', async () => {
    const tools = await loadChineseTools();
    const share = compare(
      translateChinese('翎蔚站今年的盈利还不到上一年的三分之一。', tools).english,
      'Net profit fell to 29 million yuan from 95 million yuan a year earlier.',
    ).find((o) => o.claim.kind === 'percent');
    // 29 ÷ 95 is 30.5%, less than a third: without its bound the third is denied.
    expect(share).toMatchObject({
      status: 'derived',
      computation: '29,000,000 ÷ 95,000,000 = 30.53',
    });
    expect(normalizeChineseNumbers('80周岁以上老人')).not.toContain('weeks');
  });

  it('reads 亿 and 万 written as one figure, and a place in a series (第3批) as no count', () => {
    expect(normalizeChineseNumbers('蓄水量2亿3600万立方米')).toContain('236000000');
    expect(q(normalizeChineseNumbers('第3批货物共5家')).map((x) => x.value)).toEqual([5]);
  });

  it('reads a financial year as a span of its two years, the second year’s two digits no count', () => {
    const years = q('Ferry income rose in 2031-32 and in 2032/33.');
    expect(years.map((x) => [x.value, x.kind, x.rangeEnd])).toEqual([
      [2031, 'year', 'from'],
      [2032, 'year', 'to'],
      [2032, 'year', 'from'],
      [2033, 'year', 'to'],
    ]);
    // A figure said in a financial year is of the span, as one said "from 2031 to 2032" is.
    expect(q('Income was 4 million in 2031-32.')[0]!.when).toEqual({ span: [2031, 2032] });
    // Two digits that are not the next year are a count.
    expect(q('Gate 2031-7 closed.').some((x) => x.value === 7)).toBe(true);
  });

  it('reads a financial year against the calendar year it ends in, and another one as a conflict', () => {
    const level =
      'The board employed 3,410 staff at the end of March 2032, up from 3,295 a year before.';
    expect(
      compare('The board took on 115 more staff in 2031/32.', level).map((o) => o.status),
    ).toEqual(['derived', 'missing', 'match']);
    const told = 'The board handled 9,120 appeals in 2032-33.';
    expect(
      compare('In 2031-32 the board handled 9,120 appeals.', told).map((o) => o.status),
    ).toEqual(['conflict', 'conflict', 'match']);
  });

  it('reads dates as month and day, and bounds such as "more than" and "about"', () => {
    const [date, more, about] = q(
      'On October 5th, more than 2,000 employees used about 27,000 beds.',
    );
    expect(date).toMatchObject({ kind: 'date', value: 1005 });
    expect(more).toMatchObject({ value: 2000, bound: 'gt' });
    expect(about).toMatchObject({ value: 27000, bound: 'approx' });
  });

  it('reads a reporting period ("the first three quarters") as when, not as an amount', () => {
    const found = q(
      'In the first three quarters Eastvale sold 3 ferries; in the last two months, four.',
    );
    expect(found.map((x) => x.value)).toEqual([3, 4]);
  });

  it('treats version numbers and names with digits as labels, not amounts', () => {
    expect(q('COVID-19 cases rose; CodeBot 1.0 shipped').map((x) => x.kind)).toEqual([
      'version',
      'version',
    ]);
  });

  it('reads every figure of a list of versions as a version, not the first alone', () => {
    expect(
      q('Quillpad versions 2.5 and 3.0 shipped; 1.5 and 2.5 million users').map((x) => x.kind),
    ).toEqual(['version', 'version', 'count', 'count']);
  });

  it('keeps the words around a number that say what it counts', () => {
    const [n] = q('There were 6 cases in Hillcrest county.');
    expect(n!.after).toEqual(['case', 'hillcrest', 'counti']);
  });
});

describe('numbers: comparison with the evidence', () => {
  it('finds a different value for the same quantity a contradiction', () => {
    const [o] = compareQuantities(
      q('Hillcrest County had 3 new local confirmed cases.'),
      q(
        'There were 6 cases in Hillcrest county, 5 cases were found among the isolation personnel.',
      ),
    );
    expect(o).toMatchObject({ status: 'conflict', evidence: { value: 6 } });
  });

  it('pairs numbers by their words, so swapped figures conflict', () => {
    const out = compareQuantities(
      q("The list named 15 'dirtiest' and 12 'cleanest' fruits."),
      q('listed 12 kinds of the dirtiest and 15 kinds of the cleanest fruits'),
    );
    expect(out.map((o) => o.status)).toEqual(['conflict', 'conflict']);
  });

  it('matches a precise figure stated as such over one that shares a single word', () => {
    const text =
      'Counter sales were 8,150, a year-on-year rise of 4.2%; online sales reached 12,410, up by 38.6%.';
    const claim =
      'Online ferry ticket sales totalled about 12,400 in May, a jump of 38.6% on a year earlier.';
    expect(compare(claim, text).map((o) => [o.claim.raw, o.status, o.evidence?.raw])).toEqual([
      ['12,400', 'match', '12,410'],
      ['May', 'missing', undefined],
      ['38.6%', 'match', '38.6%'],
    ]);
    // Another place's figure with the claim's own place named beside its own: a swap.
    const swapped = compare(
      "Norrland's output grew 38.6% on a year earlier.",
      "Norrland's output grew 4.2% on a year earlier, while Vestby's output grew 38.6%.",
    );
    expect(swapped.map((o) => [o.status, o.evidence?.raw])).toEqual([['conflict', '4.2%']]);
  });

  it('derives a claimed change from two figures when the claim invites arithmetic', () => {
    const [o] = compareQuantities(
      q('The Python score rose by 20 points.'),
      q('V1.5 Python is only 41 points, and V2.0 has reached 61 points.'),
      'The Python score rose by 20 points.',
    );
    expect(o).toMatchObject({ status: 'derived', computation: '61 − 41 = 20' });
  });

  it('works a share for an earlier year back from a later level and its change in points', () => {
    const claim = 'In 2016 the share of households with broadband was 64%.';
    const figure = (text: string) => compare(claim, text).find((o) => o.claim.raw === '64%')!;
    const later = 'By 2022 the share of households with broadband reached 78%';
    expect(figure(`${later}, up 14 percentage points from 2016.`)).toMatchObject({
      status: 'derived',
      computation: '78% − 14 points = 64%',
    });
    expect(figure(`${later}, 14 percentage points higher than in 2016.`).status).toBe('derived');
    // Lower than in 2016: that year was 92%, not 64%.
    expect(figure(`${later}, 14 percentage points lower than in 2016.`).status).not.toBe('derived');
    // A claim about the later year itself is refuted by its level, not derived.
    const now = compare(
      'In 2022 the share of households with broadband was 64%.',
      `${later}, up 14 percentage points from 2016.`,
    ).find((o) => o.claim.raw === '64%')!;
    expect(now.status).toBe('conflict');
  });

  it('does not derive numbers when the claim states no change or total', () => {
    const [o] = compareQuantities(
      q('6 cases came from Singapore.'),
      q('10 cases (4 from Singapore, 3 from Italy)'),
      '6 cases came from Singapore.',
    );
    expect(o!.status).not.toBe('derived');
  });

  it('settles "zero" with a negated noun phrase', () => {
    const [o] = compareQuantities(
      q('Chongqing reported zero new imported infections.'),
      q('there were no newly imported confirmed cases in Chongqing'),
    );
    expect(o!.status).toBe('match');
  });

  it('never matches neighbouring dates', () => {
    const [o] = compareQuantities(
      q('Testing on April 8 found cases.'),
      q('On April 7th there were cases.'),
    );
    expect(o!.status).not.toBe('match');
  });
});

describe('numbers: computations the text invites', () => {
  it('shows tolerance per kilogram × body weight and tolerance ÷ amount per cup', () => {
    const text =
      'when the human body ingests 2.6 micrograms to 16 micrograms of acrylamide per kilogram of body weight every day, there will be a risk. A coffee lover weighing 55 kilograms has a daily acrylamide tolerance of 143 micrograms. A cup of 160 ml black coffee has an average acrylamide content of 0.45 micrograms. He has to drink at least 318 cups of black coffee every day.';
    const texts = textComputations(q(text)).map((c) => c.text);
    expect(texts).toContain('2.6 micrograms × 55 kilograms = 143 micrograms');
    expect(
      texts.some(
        (t) => t.startsWith('143 micrograms ÷ 0.45 micrograms ≈ 317.78') && t.includes('318 cups'),
      ),
    ).toBe(true);
  });

  it('ignores small whole numbers that multiply by chance', () => {
    expect(textComputations(q('2 cases in A, 5 cases in B, 10 cases in all.'))).toEqual([]);
  });

  it('ignores round figures that divide into each other by chance, not measured ones', () => {
    const fair = 'The fair had 20,000 stalls and 3 million visitors a day. It drew 150 exhibitors.';
    expect(textComputations(q(fair))).toEqual([]);
    const measured =
      'The fair had 20,000 stalls and 3.1 million visitors a day, 155 visitors per stall.';
    expect(textComputations(q(measured)).map((c) => c.text)).toEqual([
      '3,100,000 visitors ÷ 20,000 stalls = 155 (the text: 155 visitors)',
    ]);
  });

  it('reads a bounded number of figures, so that a pasted table cannot stall a check', () => {
    // Odd counts near a thousand: none is a product or quotient of two others.
    const table = (n: number) =>
      Array.from({ length: n }, (_, i) => `${1001 + 2 * i} visitors`).join(', ') + '. ';
    const tail = 'Each guest ate 2.6 kg of rice over 55 days, 143 kg in all.';
    const shown = (n: number) => textComputations(q(table(n) + tail)).map((c) => c.text);
    // Three figures of the computation after the table: the last one read is its result.
    expect(shown(MAX_COMPUTED_FIGURES - 3)).toContain('2.6 kg × 55 days = 143 kg');
    expect(shown(MAX_COMPUTED_FIGURES - 2)).toEqual([]);
    expect(q(table(1000) + tail)).toHaveLength(1003);

    const text = (n: number) => table(n) + 'Exports rose 20% last year.';
    const outcome = (n: number) => compare('Exports rose 20% last year', text(n))[0]!.status;
    expect(outcome(MAX_FIGURES - 1)).toBe('match');
    expect(outcome(MAX_FIGURES)).toBe('missing');
  });
});

describe('numbers: Chinese', () => {
  it('rewrites dates, 万 and 亿 magnitudes, ages and numerals the way the English documents write them', () => {
    expect(normalizeChineseNumbers('10月5日')).toContain('October 5');
    expect(normalizeChineseNumbers('1至6月销量')).toContain('from January to June');
    expect(normalizeChineseNumbers('3-11月')).toContain('from March to November');
    expect(normalizeChineseNumbers('2.1万张床位')).toContain('21000');
    expect(normalizeChineseNumbers('3473亿元')).toContain('347300000000');
    expect(normalizeChineseNumbers('陈婉兰今年68岁')).toContain('68 years old');
    expect(chineseNumeralValue('六十八')).toBe(68);
    expect(normalizeChineseNumbers('六十八岁')).toContain('68 years old');
    // 翻一番, "turned over once": doubled; 翻两番 fourfold.
    expect(normalizeChineseNumbers('渡轮数量翻了一番')).toContain('doubled');
    expect(normalizeChineseNumbers('渡轮数量翻两番')).toContain('quadrupled');
    // 多出一倍, "more by one times": doubled; with 以上, more than doubled.
    expect(normalizeChineseNumbers('今年的渡轮比去年增长了一倍')).toContain('doubled');
    const more = q(normalizeChineseNumbers('东港的渡轮比西港多出一倍以上'));
    expect(more.map((x) => [x.value, x.bound, x.relation])).toEqual([[2, 'gt', 'multiple']]);
    expect(normalizeChineseNumbers('渡轮是去年的两倍')).not.toContain('doubled');
    // 占 X 的 N%: the share before what it is of, as English says it.
    expect(normalizeChineseNumbers('疏浚费用占年度预算的6%')).toContain(
      'accounting for 6% of 年度预算',
    );
    expect(normalizeChineseNumbers('渡轮占全部船只的三成以上')).toContain(
      'accounting for more than 30% of 全部船只',
    );
    expect(normalizeChineseNumbers('渡轮占比达到40%')).not.toContain('accounting');
  });

  it('reads thousands written with commas as one figure, and 最近一次 as no count', () => {
    // The segmenter cuts "52,340" at its comma; read whole, it is one figure, not 52 and 340.
    expect(q(normalizeChineseNumbers('全区小学在校生52,340人')).map((x) => x.value)).toEqual([
      52340,
    ]);
    expect(normalizeChineseNumbers('营业收入1,234.5万元')).toContain('12345000');
    // "The latest", "the last time": which one, not one of something.
    expect(q(normalizeChineseNumbers('最近一次普查在去年进行')).map((x) => x.value)).toEqual([]);
    expect(q(normalizeChineseNumbers('上一轮招标'))).toEqual([]);
    // 千 of 千瓦时 is "kilo": 3,260 kWh, no 3.26 million.
    expect(
      q(normalizeChineseNumbers('全年发电3260千瓦时')).map((x) => [x.value, x.measure]),
    ).toEqual([[3260, 'kwh']]);
  });

  it('reads energy and power measures, and a year-shaped figure in one as no year', () => {
    expect(
      q('The plant produced 1,980 gigawatt-hours in 2031, or 1980 GWh.').map((x) => [
        x.value,
        x.kind,
        x.measure,
      ]),
    ).toEqual([
      [1980, 'count', 'gwh'],
      [2031, 'year', undefined],
      [1980, 'count', 'gwh'],
    ]);
  });

  it('reads a capitalised "Yuan" after a year as a name, not as money', () => {
    expect(q('In 2031 Yuan County opened 12 clinics.').map((x) => [x.value, x.kind])).toEqual([
      [2031, 'year'],
      [12, 'count'],
    ]);
    expect(q('The fee rose to 2,000 yuan.').map((x) => x.kind)).toEqual(['money']);
  });

  it('reads reporting periods and spans of months (前三季度, 前两个月, 第二季度, 六个月)', () => {
    expect(normalizeChineseNumbers('前三季度产量')).toContain('the first 3 quarters');
    expect(normalizeChineseNumbers('前两个月销量')).toContain('the first 2 months');
    expect(normalizeChineseNumbers('第二季度销量')).toContain('the second quarter');
    expect(normalizeChineseNumbers('六个月内完成')).toContain('6 months');
    expect(q(normalizeChineseNumbers('前三季度卖出5艘渡轮'))).toHaveLength(1);
  });

  it('reads spans of days, weeks, hours and years, with 多 as "more than" (两个多月, 10天后, 5年多)', () => {
    expect(normalizeChineseNumbers('两个多月后开通')).toContain('more than 2 months');
    expect(normalizeChineseNumbers('10天后开通')).toContain('10 days');
    expect(normalizeChineseNumbers('3周内完成')).toContain('3 weeks');
    expect(normalizeChineseNumbers('运营了5年多')).toContain('more than 5 years');
    // A year, a decade and a grade are no spans.
    expect(normalizeChineseNumbers('2015年开通')).not.toContain('years');
    expect(normalizeChineseNumbers('80年代的渡轮')).not.toContain('years');
    expect(normalizeChineseNumbers('3年级学生')).not.toContain('years');
  });
});

describe('numbers: derived relations', () => {
  const outcome = (claim: string, evidence: string) => compare(claim, evidence)[0]!;

  it('derives a percentage change from two figures of the same thing', () => {
    const o = outcome(
      'Ferry tickets sold rose 25% to 2,500.',
      'Ferry tickets sold were 2,000 last year and 2,500 this year.',
    );
    expect(o.status).toBe('derived');
    expect(o.computation).toContain('÷');
  });

  it('derives a whole from a part and the share it is of that whole', () => {
    const text = 'The harbour spent 2.4 million yuan on dredging, accounting for 6% of its budget.';
    expect(outcome('The harbour’s budget is 40 million yuan.', text)).toMatchObject({
      status: 'derived',
      computation: '2,400,000 ÷ 6% = 40,000,000',
    });
    expect(outcome('The harbour’s budget is 25 million yuan.', text).status).not.toBe('derived');
    // The part itself is the text's figure, not a whole.
    expect(outcome('The harbour spent 2.4 million yuan on dredging.', text).status).toBe('match');
  });

  it('meets a rounder claim figure with a computed one only within a unit of its last digit', () => {
    const paid = 'The fund paid 4.2 pence in spring and 3.9 pence in autumn.';
    // 4.2 + 3.9 = 8.1: "8.0" is near enough for a figure written to its tenths, "7.8" is not,
    // though within 10% of 8.1; "about 7.8" may be.
    const together = (figure: string) =>
      outcome(`The fund paid ${figure} pence in spring and autumn together.`, paid).status;
    expect(together('8.0')).toBe('derived');
    expect(together('7.8')).not.toBe('derived');
    expect(together('about 7.8')).toBe('derived');
    // 2,000 to 2,440 is a 22% rise: "22%" meets it, "24%" does not.
    const sold = 'Ferry tickets sold were 2,000 last year and 2,440 this year.';
    expect(outcome('Ferry tickets sold rose 22% this year.', sold).status).toBe('derived');
    expect(outcome('Ferry tickets sold rose 24% this year.', sold).status).not.toBe('derived');
  });

  it('holds "about" a precise figure near its digits, and meets a bound with arithmetic only when asked', () => {
    const stake = 'Orvane paid £1.2 billion for a 45% stake in Kell Foods.';
    // £1.2 billion for 45% values the whole at £2.67 billion: "around £2.67 billion" is that,
    // "about £2.74 billion" is written too finely to be.
    expect(outcome('The deal values Kell Foods at around £2.67 billion.', stake).status).toBe(
      'derived',
    );
    expect(outcome('The deal values Kell Foods at about £2.74 billion.', stake).status).not.toBe(
      'derived',
    );
    // 730 vans and 1,460 staff add up past 2,000, but "more than 2,000 staff" asks for no sum.
    const fleet = 'Before the sale the firm ran 730 vans and had 1,460 staff.';
    expect(outcome('Before the sale the firm had more than 2,000 staff.', fleet).status).not.toBe(
      'derived',
    );
  });

  it('reads "picked up 92% of" as a share, and a later level in the words of the earlier one', () => {
    const calls = 'The call centre took 4,210 calls and answered 92% of them within ten seconds.';
    expect(
      outcome('The call centre picked up 92% of its 4,210 calls within ten seconds.', calls).status,
    ).toBe('match');
    // "From 18 to 24" names the beds once, before 18: 24 is a number of beds too, and the one now.
    const beds = 'The upgrade will increase the number of ward beds from 18 to 24.';
    expect(outcome('The upgrade will take the number of ward beds to 24.', beds).status).toBe(
      'match',
    );
    expect(outcome('The upgrade will take the number of ward beds to 30.', beds)).toMatchObject({
      status: 'conflict',
      evidence: { value: 24 },
    });
  });

  it('values a whole company from the price paid for a stake, when the claim says what it is worth', () => {
    const text = 'Orvane bought a 35% stake in Kell Foods for £14 million.';
    expect(outcome('The deal values Kell Foods at about £40 million.', text)).toMatchObject({
      status: 'derived',
      computation: '14,000,000 ÷ 35% = 40,000,000',
    });
    expect(outcome('The deal values Kell Foods at about £50 million.', text).status).toBe(
      'conflict',
    );
    // The price before its stake, as a Chinese sentence gives them (以1.8亿元受让…45%的股权).
    const paid = 'Orvane paid £18 million for 45% of the shares in Kell Foods.';
    expect(outcome('Kell Foods is worth £40 million.', paid).status).toBe('derived');
    // Without the claim saying what the whole is worth, a price is no valuation.
    expect(outcome('Orvane paid £40 million for Kell Foods.', text).status).not.toBe('derived');
  });

  it('reads a gap said with its comparative before the unit in that unit ("1,500 fewer hours")', () => {
    expect(q('Crews lost 1,500 fewer hours this year.')[0]).toMatchObject({ unit: 'hours' });
    const text = 'Time lost to handovers fell to 7,100 hours from 8,600 hours.';
    expect(outcome('Velby hospitals wasted 1,500 fewer hours on handovers.', text)).toMatchObject({
      status: 'derived',
      computation: '8,600 − 7,100 = 1,500',
    });
  });

  it('reads places moved against a rank and the one it changed from', () => {
    const text =
      'Among the 11 parks, Glenmoor ranked fourth by visits in 2030, up from ninth in 2029.';
    expect(outcome('Glenmoor moved up five places in the national table.', text)).toMatchObject({
      status: 'derived',
      computation: '9 − 4 = 5 places',
    });
    expect(outcome('Glenmoor moved up three places in the national table.', text).status).toBe(
      'conflict',
    );
    expect(q('Tollan came 2nd, down from 1st.').map((x) => [x.value, x.kind])).toEqual([
      [2, 'rank'],
      [1, 'rank'],
    ]);
  });

  it('spreads an amount over the span of years it covers, when the claim gives a year’s', () => {
    const text = 'Brenlow will buy tea over four years, a contract worth 28 million yuan in total.';
    expect(outcome('The Brenlow contract is worth 7 million yuan a year.', text)).toMatchObject({
      status: 'derived',
      computation: '28,000,000 ÷ 4 years = 7,000,000',
    });
    expect(outcome('The Brenlow contract is worth 10 million yuan a year.', text).status).toBe(
      'conflict',
    );
    // The total itself is no year's figure.
    expect(outcome('The Brenlow contract is worth 7 million yuan.', text).status).not.toBe(
      'derived',
    );
  });

  it('reads a change by an amount against the gap of the two figures it relates', () => {
    const ops: Ops = {
      ...{ sum: true, difference: true, ratio: false, change: true, invited: true },
      ...{ decrease: false, stated: new Set(), years: new Set(), wholes: new Map() },
    };
    const text = q(
      'The port logged 6,350 ferry crossings this year and 5,180 ferry crossings before.',
    );
    const [rose] = q('Ferry crossings rose by 1,490.');
    expect(derive(rose!, text, ops).nearest?.computation).toBe('6,350 − 5,180 = 1,170');
    // A plain count of crossings is no change: the gap says nothing of it.
    const [plain] = q('The port logged 1,490 ferry crossings.');
    expect(derive(plain!, text, ops).nearest).toBeUndefined();
  });

  it('reads a level and the one it rose from, told after it, as one change', () => {
    const text = 'The ferries had an on-time rate of 91.5%, up from 90.9% a year before.';
    expect(outcome('The on-time rate rose by 0.6 percentage points.', text)).toMatchObject({
      status: 'derived',
      computation: '91.5 − 90.9 = 0.6',
    });
  });

  it('derives "N times" as a ratio when the claim says so', () => {
    const o = outcome(
      'The harbour now handles 3 times as many ferry crossings as in 2010.',
      'The harbour handled 400 ferry crossings in 2010 and 1,200 ferry crossings this year.',
    );
    expect(o.status).toBe('derived');
  });

  it('tries a sum before calling a total a conflict, without a cue word', () => {
    const o = outcome(
      'Glenmoor counted 21 ferry passengers with colds (10 adults, 11 children).',
      'Glenmoor: 10 ferry passengers with colds were adults and 11 ferry passengers with colds were children.',
    );
    expect(o.status).toBe('derived');
  });

  it('still calls a figure about the same named thing a conflict', () => {
    const o = outcome('Glenmoor sold 9 boats.', 'Glenmoor sold 4 boats; Ardlow sold 5 boats.');
    expect(o.status).toBe('conflict');
  });

  it('never contradicts a part’s figure with all parts’ together', () => {
    const text =
      'Four harbour sites, such as Riverside and Eastgate, have opened and can berth about 380 boats.';
    expect(outcome('The Riverside site alone can berth about 100 boats.', text).status).toBe(
      'missing',
    );
    expect(outcome('Together the harbour sites can berth about 100 boats.', text).status).toBe(
      'conflict',
    );
  });

  it('never contradicts a figure with one said of another named thing', () => {
    // The text gives Ardlow's figure only: about Glenmoor it says nothing.
    expect(outcome('Glenmoor sold 9 fishing boats.', 'Ardlow sold 4 fishing boats.').status).toBe(
      'missing',
    );
    expect(outcome('Glenmoor sold 9 fishing boats.', 'The yard sold 4 fishing boats.').status).toBe(
      'conflict',
    );
  });
});

describe('numbers: Chinese fractions and points', () => {
  it('reads 三分之一, 三成 and 个百分点', () => {
    const out = normalizeChineseNumbers('多了三分之一，占三成，快了1.3个百分点');
    expect(out).toContain('33.33%');
    expect(out).toContain('30%');
    expect(out).toContain('1.3 percentage points');
    // A half or a digit after the tenths is the next place.
    expect(normalizeChineseNumbers('渡轮占两成半')).toContain('25%');
    expect(normalizeChineseNumbers('客船占七成五')).toContain('75%');
    expect(normalizeChineseNumbers('占七成五十个')).not.toContain('75%');
  });
});

describe('numbers: shares and multiples said in words', () => {
  const outcome = (claim: string, evidence: string) =>
    compare(claim, evidence).find((o) => o.claim.relation)!;

  it('reads fractions, "N in ten" and multiples as relations, not as counts', () => {
    const read = (text: string) => q(text).map((x) => [Math.round(x.value), x.kind, x.relation]);
    expect(read('about half of the orchards')).toEqual([[50, 'percent', 'share']]);
    expect(read('more than two-thirds of the ferries')).toEqual([[67, 'percent', 'share']]);
    expect(read('seven in ten anglers')).toEqual([[70, 'percent', 'share']]);
    expect(read('twice as many kites')).toEqual([[2, 'count', 'multiple']]);
    expect(read('grew 4.5 times')).toEqual([[5, 'count', 'multiple']]);
    // Periods and mixed numbers are not shares.
    expect(read('in the first half of 2019')).toEqual([[2019, 'year', undefined]]);
    expect(read('a half-year report')).toEqual([]);
    // CC-CEDICT glosses 季度 "quarter of a year": 前三季度 is a period, not three quarters.
    expect(read('three quarter of a year')).toEqual([[3, 'count', undefined]]);
    expect(read('in the first three quarters of 2019')).toEqual([[2019, 'year', undefined]]);
    expect(read('the third quarter')).toEqual([]);
  });

  it('derives a share from two figures about the same thing', () => {
    const o = outcome(
      'Almost half of the 40 lighthouse keepers retired.',
      'Of 40 lighthouse keepers, 19 lighthouse keepers retired.',
    );
    expect(o.status).toBe('derived');
    expect(o.computation).toBe('19 ÷ 40 = 47.5');
  });

  it('calls a share the figures do not give a conflict, showing the computation', () => {
    const o = outcome(
      'More than half of the 40 lighthouse keepers retired.',
      'Of 40 lighthouse keepers, 9 lighthouse keepers retired.',
    );
    expect(o.status).toBe('conflict');
    expect(o.computation).toBe('9 ÷ 40 = 22.5');
  });

  it('derives a multiple and refutes another one', () => {
    const evidence = 'A shop may hold 6 kites; a club may hold 30 kites.';
    expect(outcome('A club may hold five times as many kites as a shop.', evidence).status).toBe(
      'derived',
    );
    const wrong = outcome('A club may hold twice as many kites as a shop.', evidence);
    expect(wrong.status).toBe('conflict');
    expect(wrong.computation).toBe('30 ÷ 6 = 5');
  });

  it('reads a relation against two figures when the text words one side only', () => {
    const claim = 'Likes outnumbered shares by about two to one on the post.';
    const [ratio] = compare(claim, 'The post was liked by 120 readers, and forwarded 18 times.');
    expect(ratio).toMatchObject({ status: 'conflict', computation: '120 ÷ 18 = 6.67' });
  });

  it('leaves a relation missing when the text gives no figures for it', () => {
    expect(outcome('Twice as many kites flew.', 'Kites flew over the bay.').status).toBe('missing');
  });
});

describe('numbers: ordinals, names, ranges, points, spans and rates', () => {
  const outcome = (claim: string, evidence: string) =>
    compare(claim, evidence).map((o) => [o.claim.raw, o.status]);

  it('skips ordinals and numbers inside capitalised names, and reads scales after a name', () => {
    expect(q('The 7th Three-Year Programme met for its 212th session.')).toEqual([]);
    expect(q('Northshire 5.27 billion yuan').map((x) => [x.kind, x.value])).toEqual([
      ['money', 5_270_000_000],
    ]);
    expect(q('a 3-trillion-dollar market').map((x) => [x.kind, x.value])).toEqual([
      ['money', 3e12],
    ]);
  });

  it('gives the unit after a range to its first figure, and reads percentage points', () => {
    expect(q('fines of 2,000 to 8,000 yuan').map((x) => x.kind)).toEqual(['money', 'money']);
    expect(
      q('up 6 percentage points, then three percentage points more').map((x) => x.kind),
    ).toEqual(['percent', 'percent']);
    expect(q('three and a half times as many')[0]).toMatchObject({
      value: 3.5,
      relation: 'multiple',
    });
  });

  it('derives a span in days between two dates, and never reads it against other counts', () => {
    const text =
      'The board met for the 31st time on March 3, 2020, and the rule applied from May 12, 2020.';
    expect(outcome('The rule applied 70 days after the board met.', text)).toEqual([
      ['70', 'derived'],
    ]);
    expect(outcome('The rule applied 40 days after the board met.', text)).toEqual([
      ['40', 'missing'],
    ]);
  });

  it('derives percentage-point gaps, falls and amounts per unit', () => {
    expect(
      outcome(
        'The share of rail freight rose by 12 percentage points.',
        'Rail freight made up 28% of the total in 2012 and 40% in 2019.',
      ),
    ).toEqual([['12', 'derived']]);
    expect(
      outcome(
        'Ticket prices fell by about 25% after the reform.',
        'Tickets cost 40 yuan before the reform and 30 yuan after it.',
      ),
    ).toEqual([['25%', 'derived']]);
    expect(
      outcome(
        'Each of the 5 shelters houses 30 families on average.',
        'The 5 shelters house 150 families.',
      ),
    ).toEqual([
      ['5', 'match'],
      ['30', 'derived'],
    ]);
  });

  it('works back from a figure and its rate of change', () => {
    expect(
      outcome(
        'Working back from the 25% rise, the port handled about 8,000 ships the year before.',
        'The port handled 10,000 ships, up 25% year on year.',
      ),
    ).toEqual([
      ['25%', 'match'],
      ['8,000', 'derived'],
    ]);
  });

  it('reads a figure a rise is said of as the later one: no later figure is worked from it', () => {
    const text = 'The port handled 10,000 ships, up 25% year on year.';
    // 10,000 x 1.25 = 12,500 would be a year after the text's, which it never gives.
    const after = outcome('After a 25% rise, the port will handle about 12,500 ships.', text);
    expect(after).not.toContainEqual(['12,500', 'derived']);
    const before = outcome('Before the 25% rise, the port handled about 8,000 ships.', text);
    expect(before).toContainEqual(['8,000', 'derived']);
    // A bound met by the worked-back figure only far from it (8,000 for "more than 2,000").
    const far = outcome('Before the 25% rise, the port handled more than 2,000 ships.', text);
    expect(far).not.toContainEqual(['2,000', 'derived']);
  });

  it('compares a multiple with another multiple or a stated rise of the same thing', () => {
    const text = 'Output per worker increased by 40% and exports doubled.';
    expect(outcome('Output per worker tripled.', text)).toEqual([['tripled', 'conflict']]);
    expect(outcome('Exports doubled.', text)).toEqual([['doubled', 'match']]);
  });

  it('reads the ends of a range against the ends of a range, and two "at least" figures as such', () => {
    const text = 'The fair ran from April 3 to May 9, and at least 420 stalls opened.';
    expect(outcome('The fair ran from April 3 to April 30.', text)).toEqual([
      ['April 3', 'match'],
      ['April 30', 'conflict'],
    ]);
    expect(outcome('At least 240 stalls opened at the fair.', text)).toEqual([['240', 'conflict']]);
    expect(outcome('At least 420 stalls opened at the fair.', text)).toEqual([['420', 'match']]);
  });

  it('reads "between X yuan and Y yuan" as a range, and a ceiling or floor against its same end', () => {
    const ends = (text: string) => q(text).map((x) => [x.value, x.rangeEnd]);
    const fines = 'Shops that refuse refunds are fined between 20,000 yuan and 80,000 yuan.';
    expect(ends(fines)).toEqual([
      [20000, 'from'],
      [80000, 'to'],
    ]);
    expect(ends('Fares run from 3 yuan to 9 yuan.')).toEqual([
      [3, 'from'],
      [9, 'to'],
    ]);
    // A list is no range: "and" joins two figures only after "between".
    expect(ends('The ferries carried 20,000 people and 80,000 parcels.')).toEqual([
      [20000, undefined],
      [80000, undefined],
    ]);
    // "As much as" and "a maximum of" are ceilings.
    expect(q('Fines reach as much as 80,000 yuan.').map((x) => x.bound)).toEqual(['lt']);
    expect(q('Fines reach a maximum of 80,000 yuan.').map((x) => x.bound)).toEqual(['lt']);
    expect(outcome('A shop can be fined as much as 80,000 yuan.', fines)).toEqual([
      ['80,000', 'match'],
    ]);
    expect(outcome('A shop can be fined at least 20,000 yuan.', fines)).toEqual([
      ['20,000', 'match'],
    ]);
  });

  it('reads a share in words against the share of the same holder, not the list item before it', () => {
    const text =
      'Of the ferry company, Northway Shipping holds 70% of the shares and Eastport Harbour Group holds 30%.';
    // The words between the two figures are the second one's, not the first's "of the shares ...".
    const [first] = q(text).filter((x) => x.kind === 'percent');
    expect(first!.after).toEqual(['share']);
    expect(
      outcome('Three in ten of the ferry company is held by Eastport Harbour Group.', text),
    ).toEqual([['Three in ten', 'match']]);
    expect(
      outcome('Three in ten of the ferry company is held by Northway Shipping.', text),
    ).toEqual([['Three in ten', 'conflict']]);
  });

  it('gives the figures of a comparison’s base the base’s period, listed before it', () => {
    // Invented: the base lists two figures before its year, across "and".
    const years = (text: string) => q(text).map((x) => `${x.raw}@${x.when?.year ?? '-'}`);
    expect(
      years(
        'In 2024 the port handled 412 ships, compared with 287 ships and fees of 1.94 million yuan in 2023.',
      ),
    ).toEqual(['2024@-', '412@2024', '287@2023', '1.94 million@2023', '2023@-']);
    // Without a comparison, "and" still ends a figure's clause.
    expect(years('In 2024 the port handled 412 ships and fees of 2 million yuan in 2023.')).toEqual(
      ['2024@-', '412@2024', '2 million@2023', '2023@-'],
    );
  });

  it('reads a change in a year against the year before', () => {
    // Invented: the claim names 2024 only; its base is 2023's figure.
    const text = 'In 2024 the ferries made 9,000 trips, against 3,000 trips in 2023.';
    const status = (claim: string) => outcome(claim, text).map(([raw, s]) => `${raw}:${s}`);
    expect(status('Ferry trips tripled in 2024.')).toContain('tripled:derived');
    expect(status('Ferry trips doubled in 2024.')).toContain('doubled:conflict');
    expect(status('Ferry trips rose 200% in 2024.')).toContain('200%:derived');
  });

  it('makes a share only of two counts of one thing', () => {
    // Invented: 23 cases and 41 crew members make no share; 19 cases of 23 cases do.
    const charged =
      'Since May, the harbour police charged 23 ferry cases involving 41 crew members.';
    expect(outcome('Over half of the ferry cases ended in a sentence.', charged)).toEqual([
      ['half', 'missing'],
    ]);
    const sentenced =
      'The harbour police charged 23 ferry cases, and 19 cases ended in a sentence.';
    expect(outcome('Over four in five of the ferry cases ended in a sentence.', sentenced)).toEqual(
      [['four in five', 'derived']],
    );
  });

  it('reads a count of "units" as a count of whatever the text counts', () => {
    // Invented: the half-year's "units" are the cars of June's count.
    const text =
      'In June Kestrel Motors sold 412,000 cars. Its sales from January to June reached 1.846 million units.';
    expect(
      outcome('June alone made up more than a third of Kestrel Motors’ half-year sales.', text),
    ).toEqual([
      ['June', 'match'],
      ['a third', 'conflict'],
    ]);
    expect(outcome('June made up over a fifth of Kestrel Motors’ half-year sales.', text)).toEqual([
      ['June', 'match'],
      ['a fifth', 'derived'],
    ]);
  });

  it('turns a negated bound round and never reads a floor as a ceiling', () => {
    const bound = (text: string) => q(text).map((x) => x.bound);
    expect(bound('Stalls shall not exceed 12% of the square.')).toEqual(['lt']);
    expect(bound('Stalls shall not be less than 12% of the square.')).toEqual(['gt']);
    expect(bound('Tickets cost no more than 30 yuan.')).toEqual(['lt']);
    expect(bound('Tickets cost more than 30 yuan.')).toEqual(['gt']);
    const text = 'Green space shall not be less than 12% of the square.';
    expect(outcome('Green space may not exceed 12% of the square.', text)).toEqual([
      ['12%', 'conflict'],
    ]);
    expect(outcome('Green space must be at least 12% of the square.', text)).toEqual([
      ['12%', 'match'],
    ]);
  });

  it('reads a change "from X in one year to Y in another" as a range, so a reversal conflicts', () => {
    const ends = (text: string) => q(text).map((x) => [x.value, x.rangeEnd]);
    expect(ends('Its share rose from 21% in 2011 to 35% in 2016.')).toEqual([
      [21, 'from'],
      [2011, undefined],
      [35, 'to'],
      [2016, undefined],
    ]);
    expect(
      outcome(
        'Its share of exports fell from 35% to 21%.',
        'Its share of exports rose from 21% in 2011 to 35% in 2016.',
      ),
    ).toEqual([
      ['35%', 'conflict'],
      ['21%', 'conflict'],
    ]);
  });
});

describe('numbers: measures, percentage points, changes against shares, ranks', () => {
  const vote = 'The ruling party won 41.2% of the vote and the opposition 37.5%.';
  const outcomes = (claim: string, evidence: string) =>
    compare(claim, evidence).map((o) => [o.claim.raw, o.status, o.computation ?? '']);

  it('reads measures, rates and counted things from the word after a figure', () => {
    const [grams, bottles, rate, plus] = q(
      'A 250-gram bag holds 40 bottles worth, at 8 milligrams of caffeine per kilogram, for 20+ years.',
    );
    expect(grams).toMatchObject({ value: 250, measure: 'g' });
    expect(bottles).toMatchObject({ value: 40, unit: 'bottles' });
    expect(bottles!.measure).toBeUndefined();
    expect(rate).toMatchObject({ value: 8, measure: 'mg/kg' });
    expect(plus).toMatchObject({ value: 20, bound: 'gt', measure: 'yr' });
    // A growth rate's period is not a measure.
    expect(q('Orders reached 52,000 year-on-year')[0]!.measure).toBeUndefined();
  });

  it('never adds, compares or divides figures in different measures', () => {
    // 5 buses + 10 minutes is not 15 minutes; the gap of the two timings is 25.
    expect(
      outcomes(
        'With 5 buses, the new route saves about 15 minutes on the 35 minutes the old one took.',
        'With 5 buses, the old route takes 35 minutes and the new one 10 minutes.',
      ),
    ).toEqual([
      ['5', 'match', ''],
      ['15', 'conflict', ''],
      ['35', 'match', ''],
    ]);
    // A rise from a duration to a count is no rise: "5 years" and "40,000" relate to nothing.
    expect(
      outcomes(
        'Did the museum collection grow by 20% from the previous year to reach 40,000 pieces?',
        'The number of pieces in the museum collection has reached 40,000, and the loan rate of pieces for more than five years ranks third.',
      ),
    ).toEqual([
      ['20%', 'missing', ''],
      ['40,000', 'match', ''],
    ]);
    // A count of bottles is not a volume: neither matches nor contradicts 12 litres.
    expect(
      outcomes(
        'A runner drinks more than 12 litres of water a race.',
        'A runner drinks at least 40 bottles of water a race.',
      ),
    ).toEqual([['12', 'missing', '']]);
  });

  it('reads a gap in percentage points against two percentages, never against one', () => {
    expect(
      outcomes(
        "The ruling party's vote share is more than six percentage points ahead of the opposition's.",
        vote,
      ),
    ).toEqual([['six', 'conflict', '41.2 − 37.5 = 3.7']]);
    expect(
      outcomes(
        "The ruling party's vote share is about four percentage points ahead of the opposition's.",
        vote,
      ),
    ).toEqual([['four', 'derived', '41.2 − 37.5 = 3.7']]);
  });

  it('never reads a growth rate as a share, and settles a share by the figures it relates', () => {
    expect(q('Rice made up 30% of the harvest, up 12% on last year.').map((x) => x.role)).toEqual([
      'share',
      'change',
    ]);
    expect(
      outcomes(
        'Rice made up more than 60% of the 90 million tonne harvest.',
        'The harvest reached 90 million tonnes, an increase of 75%. Rice was 38 million tonnes.',
      ),
    ).toEqual([
      ['60%', 'conflict', '38,000,000 ÷ 90,000,000 = 42.22'],
      ['90 million', 'match', ''],
    ]);
    // A share in words against the share the text states as a percentage.
    expect(
      outcomes(
        'Online orders were three-quarters of the orders.',
        'Online orders, accounting for 55%, led the rest.',
      ),
    ).toEqual([['three-quarters', 'conflict', '']]);
  });

  it('meets a bound with a computed figure only near it, and holds precise figures to their digits', () => {
    // 3.7 points is more than two, but nobody writes "more than two" of it: not support, and
    // not a contradiction either.
    expect(outcomes('The ruling party leads by more than two percentage points.', vote)).toEqual([
      ['two', 'missing', ''],
    ]);
    // 41.27% written to four digits is not 40.5%.
    expect(
      outcomes(
        'Together funds A and B hold 41.27% of the company.',
        'Fund A holds 30.2% of the company and fund B 10.3%.',
      ),
    ).toEqual([['41.27%', 'conflict', '']]);
  });

  it('takes a bound met only far away as neither support nor contradiction', () => {
    const text = 'The yard sold 480 boats in June, and its electric boats grew fast.';
    expect(outcomes('The yard sold more than 100 electric boats in June.', text)).toEqual([
      ['100', 'missing', ''],
      ['June', 'match', ''],
    ]);
    expect(outcomes('The yard sold more than 400 boats in June.', text)[0]).toEqual([
      '400',
      'match',
      '',
    ]);
  });

  it('reads ranks and compares them as places, not counts', () => {
    const [fourth, third] = q(
      'The county ranked fourth among 12 counties; its port is the third largest.',
    ).filter((x) => x.kind === 'rank');
    expect(fourth).toMatchObject({ kind: 'rank', value: 4, raw: 'fourth' });
    expect(third).toMatchObject({ kind: 'rank', value: 3 });
    expect(q('In the first three quarters of the second half')).toEqual([]);
    expect(
      outcomes(
        "Eastvale's output ranked second in the region.",
        "Eastvale's output was 4.1 billion, ranking fifth in the region.",
      ),
    ).toEqual([['second', 'conflict', '']]);
  });

  it('matches a figure of a list paired by order ("respectively") whatever its words', () => {
    const text = 'Atlas and Borealis were released on May 3rd and July 20th respectively.';
    expect(
      q(text)
        .filter((x) => x.listed)
        .map((x) => x.raw),
    ).toEqual(['May 3rd', 'July 20th']);
    expect(outcomes('Borealis came out on July 20, after Atlas on May 3.', text)).toEqual([
      ['July 20', 'match', ''],
      ['May 3', 'match', ''],
    ]);
  });

  it('gives each figure of a "respectively" list the name listed in its place', () => {
    const text =
      'There were two in Northport, compared with 52 and 8 in Eastvale and Westfield respectively.';
    const [, eastvale, westfield] = q(text);
    expect(eastvale).toMatchObject({ value: 52, listed: true });
    expect(eastvale!.names).toContain('eastval');
    expect(eastvale!.names).not.toContain('westfield');
    expect(westfield!.names).toContain('westfield');
    expect(westfield!.names).not.toContain('eastval');
    expect(q(text)[0]!.listed).toBeUndefined();
  });

  it('reads a fraction with a slash as a share, and a multiple against a share of the same things', () => {
    const text =
      'Retail sales in Eastport were less than 1/2 of that in Northbay and about 2/3 of that in Westfield.';
    expect(
      q(text)
        .filter((x) => x.relation === 'share')
        .map((x) => Math.round(x.value)),
    ).toEqual([50, 67]);
    expect(q('The match ended 3/4 and on 10/5 it rained').some((x) => x.relation)).toBe(false);
    expect(
      outcomes("Eastport's retail sales were roughly double those of Northbay.", text),
    ).toEqual([['double', 'conflict', '']]);
    expect(outcomes("Eastport's retail sales were about two-thirds of Westfield's.", text)).toEqual(
      [['two-thirds', 'match', '']],
    );
  });
});

describe('numbers: Chinese bounds written after the figure', () => {
  it('puts 以上, 以下, 多 and 余 before the figure as "more than" or "less than"', () => {
    expect(normalizeChineseNumbers('罚款500万元以上')).toContain('more than 5000000');
    expect(normalizeChineseNumbers('罚款10万元以下')).toContain('less than 100000');
    expect(normalizeChineseNumbers('卖出36万多辆车')).toContain('more than 360000');
    expect(normalizeChineseNumbers('1200余件专利')).toContain('more than 1200');
    // A multiple takes its bound the same way: "more than twice".
    expect(normalizeChineseNumbers('游客是去年的两倍多')).toContain('more than 2倍');
  });
});

describe('numbers: the year or day a figure is about', () => {
  const outcome = (claim: string, evidence: string) =>
    compare(claim, evidence).map((o) => [o.claim.raw, o.status, o.evidence?.raw]);

  it('reads each figure with the year of its own clause', () => {
    const [y1, first, y2, second, third] = q(
      'By 2019 the ferry fleet should run within 15% of capacity; by 2024 within 9%, and 40 boats in 2025.',
    );
    expect([y1?.kind, y2?.kind]).toEqual(['year', 'year']);
    expect(first?.when).toEqual({ year: 2019 });
    expect(second?.when).toEqual({ year: 2024 });
    expect(third?.when).toEqual({ year: 2025 });
  });

  it('reads a figure with the month its clause names after a day, and works back from it', () => {
    const text =
      'On August 6, the yard reported its July output, and built 52 boats in that month, up 30% month-on-month.';
    const boats = q(text).find((x) => x.value === 52);
    expect(boats?.when).toEqual({ date: 700 });
    // June's figure worked back from July's: July is a month the claim names.
    const june = outcome(
      'Working back from its 30% month-on-month rise to 52 boats in July, the yard built about 40 boats in June.',
      text,
    ).find(([raw]) => raw === '40');
    expect(june).toEqual(['40', 'derived', '52']);
  });

  it('reads the claim’s only day against the text’s only day, unless it dates figures', () => {
    const text = 'On May 14th, the Riverton ferry board met in the old harbour hall.';
    expect(outcome('The Riverton ferry board met on May 4.', text)[0]).toEqual([
      'May 4',
      'conflict',
      'May 14th',
    ]);
    expect(outcome('The Riverton ferry board met on May 14.', text)[0]).toEqual([
      'May 14',
      'match',
      'May 14th',
    ]);
    // With figures, the day says when they were so: another day's figures are no contradiction.
    expect(
      outcome('On May 4, the Riverton ferry board counted 12 members.', text).find(
        ([raw]) => raw === 'May 4',
      ),
    ).toEqual(['May 4', 'missing', undefined]);
  });

  it('never contradicts a figure with one of another year, and says the text gave that year only', () => {
    const text = 'Lakeside Mills sold about 120 tonnes of flour by the end of 2015.';
    const [figure] = compare('Lakeside Mills sold 180 tonnes of flour by the end of 2017.', text);
    expect(figure).toMatchObject({ status: 'missing', elsewhen: { value: 120 } });
    // The same figure moved to another year is matched (the year itself then conflicts).
    expect(
      outcome('Lakeside Mills sold about 120 tonnes of flour by the end of 2017.', text)[0],
    ).toEqual(['120', 'match', '120']);
  });

  it('reads a figure for a span of years as for no one year of it', () => {
    const text = 'From 2019 to 2021, the harbour welcomed more than 3.5 million visitors.';
    expect(q(text).find((x) => x.kind === 'money' || x.raw.includes('3.5'))?.when).toEqual({
      span: [2019, 2021],
    });
    expect(outcome('In 2021 alone, the harbour welcomed 1 million visitors.', text)[1]).toEqual([
      '1 million',
      'missing',
      undefined,
    ]);
    expect(
      outcome('From 2019 to 2021, the harbour welcomed 1 million visitors.', text)[2]?.[1],
    ).toBe('conflict');
  });

  it('settles a figure by its own period in a series, though its clause leaves out what it measures', () => {
    const text =
      'On the coast line, by 2019 the share of late trains will be held within 15%; by 2024, it will be held within 9%.';
    expect(
      outcome('The coast line aims to keep the share of late trains within 6% by 2024.', text)[0],
    ).toEqual(['6%', 'conflict', '9%']);
    expect(
      outcome('The coast line aims to keep the share of late trains within 9% by 2024.', text)[0],
    ).toEqual(['9%', 'match', '9%']);
  });
});

describe('numbers: the two sides of a measure', () => {
  it('neither settles nor denies a figure with one for the other side, unless the claim swapped the sides', () => {
    const text =
      'In 2021, the valley exported 4.2 million tonnes of grain, while grain imports reached 1.5 million tonnes.';
    const status = (claim: string) =>
      compare(claim, text).find((o) => o.claim.kind !== 'year')?.status;
    expect(status("The valley's grain exports reached 3.6 million tonnes in 2021.")).toBe(
      'conflict',
    );
    expect(status("The valley's grain imports reached 2 million tonnes in 2021.")).toBe('conflict');
    const onlyImports = 'In 2021, the valley imported 1.5 million tonnes of grain.';
    const against = (claim: string) =>
      compare(claim, onlyImports).find((o) => o.claim.kind !== 'year')?.status;
    expect(against('In 2021 the valley exported 3 million tonnes of grain.')).toBe('missing');
    expect(against('In 2021 the valley exported 1.5 million tonnes of grain.')).toBe('conflict');
  });
});

describe('numbers: a figure at another scale', () => {
  it('contradicts a figure with the same digits a power of ten away, but not a round one', () => {
    const text = 'The court ordered the ferry firm to pay damages totalling 15,000 yuan.';
    const status = (claim: string) => compare(claim, text)[0]?.status;
    expect(status('A judge made the ferry company hand over 150,000 yuan.')).toBe('conflict');
    expect(
      compareQuantities(
        q('A judge made the ferry company hand over 1 million yuan.'),
        q('The firm paid a 100,000 yuan fine.'),
        '',
      )[0]?.status,
    ).toBe('missing');
  });
});

describe('numbers: totals of three figures', () => {
  const text = 'The post was liked by 240 readers, saved by 31 users and forwarded 22 times.';
  const outcome = (claim: string) => compare(claim, text).map((o) => [o.status, o.computation]);

  it('settles a claimed total by three figures of a short list, and reads "forwarded 22 times" as a count', () => {
    expect(q(text).pop()).toMatchObject({ value: 22, kind: 'count' });
    expect(q(text).pop()?.relation).toBeUndefined();
    expect(outcome('Likes, saves and shares of the post added up to 293 in total.')).toEqual([
      ['derived', '240 + 31 + 22 = 293'],
    ]);
    expect(
      outcome('Likes, saves and shares of the post added up to 350 in total.')[0]?.[0],
    ).not.toBe('derived');
  });

  it('reads "grew three times" as a multiple, "added up to" as no bound and "will surpass" as one', () => {
    expect(q('Exports grew three times.')[0]?.relation).toBe('multiple');
    expect(q('The sums added up to 290.')[0]?.bound).toBe('eq');
    expect(q('Both ports will surpass 10 million tonnes.')[0]?.bound).toBe('gt');
  });
});

describe('numbers: gaps', () => {
  const text =
    'The old ferry takes 56 minutes to cross, the new one takes 20 minutes, and 7 boats run daily.';
  const outcome = (claim: string) =>
    compare(claim, text).map((o) => [o.claim.raw, o.status, o.computation]);

  it('reads "N faster" or "N more ... than" as the difference of the two figures most about it', () => {
    expect(outcome('The new ferry crosses 36 minutes faster than the old one.')).toEqual([
      ['36', 'derived', '56 − 20 = 36'],
    ]);
    // The text's own 20 minutes is not "20 minutes faster".
    expect(outcome('The new ferry crosses 20 minutes faster than the old one.')).toEqual([
      ['20', 'conflict', '56 − 20 = 36'],
    ]);
  });

  it('leaves "N more" that adds, and "N or more" and "less than N" that bound, as figures', () => {
    expect(outcome('The old ferry takes 56 minutes, and 7 more boats run daily.')[1]?.[1]).toBe(
      'match',
    );
    expect(outcome('At least 7 or more boats run daily.')[0]?.[1]).toBe('match');
  });
});

describe('numbers: one text figure for one claim figure', () => {
  it('never contradicts a claim figure with a text figure another claim figure matches', () => {
    const outcomes = compareQuantities(
      q(
        'Three mountain lakes, Aster, Birch and Cedar, were among the twelve lakes whose water quality improved.',
      ),
      q(
        'Among the 12 lakes whose water quality improved, Aster, Birch and Cedar were all mountain lakes.',
      ),
    );
    // "Twelve" is the 12; "three" (said by the names) is not contradicted by it.
    expect(outcomes.map((o) => o.status)).toEqual(['missing', 'match']);
  });

  it('never lets a figure the claim states exactly also meet another claim figure’s bound', () => {
    const claim = 'Of the 4,812 riders asked, more than 4,000 said they liked the ferry.';
    const outcomes = compare(
      claim,
      'The survey asked 4,812 riders, and most of them said they liked the ferry.',
    );
    // 4,812 is the riders asked: it says nothing of how many liked the ferry.
    expect(outcomes.map((o) => [o.claim.raw, o.status])).toEqual([
      ['4,812', 'match'],
      ['4,000', 'missing'],
    ]);
  });
});

describe('numbers: the figures of a list', () => {
  it('reads each figure with its own item’s words, not the next item’s', () => {
    const claim = 'The board fined 12 landlords and warned 340 tenants.';
    const text = 'The board fined 340 landlords and warned 12 tenants.';
    // The claim swapped the two figures: "and warned" belongs to the second figure only.
    expect(compare(claim, text).map((o) => o.status)).toEqual(['conflict', 'conflict']);
  });

  it('lets a listed figure answer only when no other figure is plainly the claim figure’s', () => {
    const claim = 'The port added 12 cargo ships and 340 fishing boats.';
    const text = 'The port added 340 cargo ships and 12 fishing boats.';
    expect(compare(claim, text).map((o) => o.status)).toEqual(['conflict', 'conflict']);
  });
});

describe('numbers: what a figure is of, beyond its words', () => {
  it('does not deny a figure to come with one already reached', () => {
    const claim = 'The ferry line expects to carry more than 9 million riders next year.';
    const text = 'The ferry line carried 6.2 million riders last year.';
    expect(compare(claim, text)[0]!.status).toBe('missing');
    // A forecast against a forecast is read as before.
    const forecast = 'The ferry line expects to carry 7 million riders next year.';
    expect(compare(claim, forecast)[0]!.status).toBe('conflict');
  });

  it('does not deny one named place’s figure with the whole country’s', () => {
    const claim = 'Eastvale residents spent more than 41,000 crowns each on food last year.';
    const text = 'Residents nationwide spent 28,310 crowns each on food last year.';
    expect(compare(claim, text)[0]!.status).toBe('missing');
    const same = 'Eastvale residents spent 28,310 crowns each on food last year.';
    expect(compare(claim, same)[0]!.status).toBe('conflict');
  });
});

describe('numbers: two days of a claim', () => {
  it('reads the text’s one day as the claim day it is, saying nothing of the other', () => {
    const claim = 'The ferry carried fewer riders on May 5 than on May 4.';
    const outcomes = compare(claim, 'On May 5, the ferry carried 812 riders.');
    expect(outcomes.map((o) => [o.claim.raw, o.status])).toEqual([
      ['May 5', 'match'],
      ['May 4', 'missing'],
    ]);
  });
});

describe('numbers: relations among the figures a claim states', () => {
  it('derives a figure from two text figures the claim itself matches, without shared words', () => {
    const claim =
      'The fleet was first planned at 5,200 boats, now cut to 1,000: a reduction of over 80%.';
    const outcomes = compare(
      claim,
      'The yard expected to build 5,200 boats by 2030, but the number has been reduced to 1,000.',
    );
    expect(outcomes.map((o) => o.status)).toEqual(['match', 'match', 'derived']);
    expect(outcomes[2]?.computation).toContain('= 80.77');
  });

  it('reads "first-half" as a period, not a share', () => {
    expect(q('the first-half total of 300 ferries').map((x) => x.value)).toEqual([300]);
  });
});

describe('numbers: a year written after its month', () => {
  it('reads "December 31, 2011" against "December 31, 2012" though punctuation leaves the year no words', () => {
    const claim = 'The ferry trial runs from May 2, 2010 until December 31, 2012.';
    const outcomes = compare(
      claim,
      'The trial period (from May 2, 2010 to December 31, 2011) was set by the port.',
    );
    expect(outcomes.map((o) => [o.claim.raw, o.status])).toEqual([
      ['May 2', 'match'],
      ['2010', 'match'],
      ['December 31', 'match'],
      ['2012', 'conflict'],
    ]);
  });
});

describe('numbers: a month alone', () => {
  it('reads "in mid-August" as a date holding every day of August, and "May" alone as no date', () => {
    expect(q('Work on the pier began in mid-August.').map((x) => [x.kind, x.value])).toEqual([
      ['date', 800],
    ]);
    expect(q('May I ask who built it?')).toEqual([]);
    const claim = 'Work on the pier began in mid-August.';
    const against = (text: string) => compare(claim, text)[0]?.status;
    expect(against('Work on the pier began in mid-October, after the storms.')).toBe('conflict');
    expect(against('Work on the pier began on August 14, after the storms.')).toBe('match');
  });
});

describe('numbers: a bound in the text', () => {
  it('neither confirms nor denies a plain figure on its side, and denies one across it', () => {
    const text = 'Freight through the northern port each exceeded 4 million tonnes last year.';
    const status = (claim: string) => compare(claim, text)[0]?.status;
    expect(status('Freight through the northern port was 4.6 million tonnes last year.')).toBe(
      'missing',
    );
    expect(status('Freight through the northern port was 3.1 million tonnes last year.')).toBe(
      'conflict',
    );
  });

  it('reads a floor as what a writer says of a floor a little above it, not far above', () => {
    const text = 'Crossing by ferry saves at least 318 minutes a month for each commuter.';
    const status = (claim: string) => compare(claim, text)[0]?.status;
    expect(status('Crossing by ferry saves more than 300 minutes a month for each commuter.')).toBe(
      'match',
    );
    expect(status('Crossing by ferry saves at least 120 minutes a month for each commuter.')).toBe(
      'conflict',
    );
  });

  it('keeps a bound from denying a figure on its side when another claim figure took the first match', () => {
    const claim =
      "Each of Norfolk's six ferry districts is served by exactly four ferry companies.";
    const text =
      'Norfolk is divided into six ferry districts, and each district has more than three boat companies.';
    expect(compare(claim, text).map((o) => o.status)).toEqual(['match', 'missing']);
  });
});

describe('numbers: multiples of percentages and of a rise', () => {
  const outcome = (claim: string, evidence: string) =>
    compare(claim, evidence).map((o) => [o.claim.raw, o.status, o.computation]);

  it('reads a multiple against two percentages', () => {
    const text = 'By 2030 the reuse rate will reach 20% in dry towns and 30% in the delta region.';
    expect(
      outcome('The delta region reuse rate target is three times that of dry towns.', text),
    ).toEqual([['three times', 'conflict', '30 ÷ 20 = 1.5']]);
  });

  it('works back from a figure and the rise said of it', () => {
    const text = 'There were 1,200 ferry crossings on the lake this year, an increase of 300.';
    expect(outcome('Ferry crossings on the lake doubled this year.', text)).toEqual([
      ['doubled', 'conflict', '1,200 ÷ (1,200 − 300) = 1.33'],
    ]);
    expect(outcome('Ferry crossings on the lake rose by about 33% this year.', text)[0]?.[1]).toBe(
      'derived',
    );
  });

  it('compares the figures of the two years a claim names, whatever their words', () => {
    // The 2020 figure's clause says nothing of what it measures; its year ties it to the claim.
    const text =
      'By 2020, across the seven lakes, it will be above 70%. By 2030 the ferry share will reach 75%.';
    expect(
      outcome('The 2030 ferry share target is 5 percentage points above the 2020 target.', text),
    ).toEqual([
      ['2030', 'match', undefined],
      ['5', 'derived', '75 − 70 = 5'],
      ['2020', 'match', undefined],
    ]);
  });

  it('relates a rise to the figure it is said of when the claim states that figure', () => {
    // The claim's other words share nothing with "an increase of 300": it names the 1,200.
    const text = 'Eastvale had 1,200 ferries, an increase of 300.';
    expect(outcome('Eastvale had 1,200 ferries, 50% more than a year before.', text)).toEqual([
      ['1,200', 'match', undefined],
      ['50%', 'conflict', '300 ÷ (1,200 − 300) = 33.33'],
    ]);
  });
});

describe('numbers: averages', () => {
  it('reads an amount of money per thing as money over a count, and a bound far below a total as no answer', () => {
    const text =
      'The ferry company bought more than 300 boats; the boats cost 1.2 million yuan in total.';
    const statuses = (claim: string) => compare(claim, text).map((o) => [o.status, o.computation]);
    expect(statuses('The ferry company paid about 4,000 yuan per boat for its 300 boats.')).toEqual(
      [
        ['derived', '1,200,000 ÷ 300 = 4,000'],
        ['match', undefined],
      ],
    );
    // "More than 20,000 each" is true of the 1.2 million total but is not what the text gives.
    expect(
      statuses(
        'The ferry company bought more than 300 boats for 1.2 million yuan, more than 20,000 yuan per boat.',
      ).pop(),
    ).toEqual(['conflict', '1,200,000 ÷ 300 = 4,000']);
  });

  it('reads a claimed average against the ratio of the two figures the claim states', () => {
    const claim = 'With 90 berths over its 3 piers, the marina averages 45 berths per pier.';
    const outcomes = compare(claim, 'The marina has 3 piers and 90 berths.');
    expect(outcomes.map((o) => [o.status, o.computation])).toEqual([
      ['match', undefined],
      ['match', undefined],
      ['conflict', '90 ÷ 3 = 30'],
    ]);
  });
});

describe('numbers: a share of a whole the claim states', () => {
  const text =
    'The harbour handled 480 ships in 2031, 300 of them container ships, and inspected 410 ships; ' +
    'tankers numbered 95.';
  const share = (claim: string) => compare(claim, text)[0]!;

  it('takes the part the claim names over the whole it states', () => {
    expect(
      share('Container ships were more than half of the 480 ships the harbour handled.'),
    ).toMatchObject({
      status: 'derived',
      computation: '300 ÷ 480 = 62.5',
    });
    expect(
      share('Container ships made up over 80% of the 480 ships the harbour handled.'),
    ).toMatchObject({
      status: 'conflict',
      computation: '300 ÷ 480 = 62.5',
    });
  });

  it('takes no part that shares only the whole’s own words, and no other whole', () => {
    // 410 ÷ 480 is 85%: the inspected ships, not the tankers.
    expect(share('Tankers made up over 80% of the 480 ships the harbour handled.')).toMatchObject({
      status: 'conflict',
      computation: '95 ÷ 480 = 19.79',
    });
    // The text gives the whole but not the ferries' part: the other parts say nothing of it.
    expect(share('Ferries made up almost half of the 480 ships the harbour handled.').status).toBe(
      'missing',
    );
    // A whole the text does not give: no share above 100% (480 ÷ 410) is read as one.
    expect(share('Tankers made up over 80% of the 560 ships the harbour handled.').status).not.toBe(
      'derived',
    );
  });
});

describe('numbers: the two ends of one range', () => {
  it('reads a floor and a ceiling side by side as a range, whose ends are related only by a claim naming both', () => {
    const text =
      'Dumping is fined not less than 40,000 yuan but not more than 200,000 yuan; burning is fined 300,000 yuan.';
    const [floor, ceiling] = q(text);
    expect([floor!.rangeEnd, ceiling!.rangeEnd]).toEqual(['from', 'to']);
    const [times] = compare('The fine for burning is five times the fine for dumping.', text);
    expect(times?.computation).not.toBe('200,000 ÷ 40,000 = 5');
    expect(times?.status).not.toBe('derived');
    expect(compare('Dumping is fined at most 200,000 yuan.', text)[0]?.status).toBe('match');
    // A claim that names both ends relates them.
    expect(
      compare('For dumping, the maximum fine is five times the minimum.', text)[0],
    ).toMatchObject({
      status: 'derived',
      computation: '200,000 ÷ 40,000 = 5',
    });
    expect(compare("Dumping's upper limit is ten times its lower limit.", text)[0]?.status).toBe(
      'conflict',
    );
    // Without a word in common: the range's ends are still what such a claim relates.
    expect(compare('The highest penalty is five times the lowest.', text)[0]?.status).toBe(
      'derived',
    );
    // A change from one end to the other is what a rise relates.
    const rise = 'The fee was raised from 40,000 yuan to 50,000 yuan.';
    expect(compare('The fee rose 25%.', rise)[0]).toMatchObject({
      status: 'derived',
      computation: '(50,000 − 40,000) ÷ 40,000 = 25',
    });
  });
});

describe('numbers: two figures in each other’s words', () => {
  it('reads two figures the claim gives each other’s things as a swap, each in conflict', () => {
    // Each claim figure shares a word or two with its own value in the text ("people"), but more
    // with the other's: the same values, swapped.
    const text =
      'Since the market rules took effect, the inspectors of the whole county have not renewed the licences of 640 people and decided not to fine 95 people for minor faults.';
    const swapped = compare(
      'Under the market rules, inspectors declined to fine 640 local business people and refused to renew the licences of 95.',
      text,
    );
    expect(swapped.map((o) => [o.claim.value, o.status, o.evidence?.value])).toEqual([
      [640, 'conflict', 95],
      [95, 'conflict', 640],
    ]);
    // In their own words, both stand.
    const faithful = compare(
      'Under the market rules, inspectors declined to renew the licences of 640 people and chose not to fine 95.',
      text,
    );
    expect(faithful.map((o) => o.status)).toEqual(['match', 'match']);
  });
});

describe('numbers: a share of an earlier level', () => {
  it('reads "halved" or "half of the 2020 level" against a fall as what is left', () => {
    const text = 'By 2030, water use per unit of output will fall by 35% compared with 2020.';
    expect(compare('Water use per unit of output is to be halved by 2030.', text)[0]).toMatchObject(
      { status: 'conflict', computation: '100% − 35% = 65%' },
    );
    const shares = (claim: string) =>
      compare(claim, text).filter((o) => o.claim.relation === 'share');
    expect(
      shares('In 2030 water use per unit of output is to be about half of the 2020 level.')[0]
        ?.status,
    ).toBe('conflict');
    expect(
      shares('In 2030 water use per unit of output is to be about two-thirds of the 2020 level.')[0]
        ?.status,
    ).toBe('match');
    // A share of something else is no level left after the fall.
    expect(shares('Half of the output will use less water.')[0]?.status).toBe('missing');
  });
});

describe('numbers: a count of a whole the claim states', () => {
  it('reads "N of the W asked" against the share of them the text gives', () => {
    const text =
      'Of the 6,400 households the council surveyed, nearly 70% said they would use the new ferry.';
    const [few] = compare(
      'Only around 2,000 of the 6,400 households surveyed would use the ferry.',
      text,
    );
    expect(few).toMatchObject({ status: 'conflict', computation: '6,400 × 70% = 4,480' });
    const [most] = compare(
      'About 4,500 of the 6,400 households surveyed would use the ferry.',
      text,
    );
    expect(most?.status).toBe('derived');
    // Far past a floor: true, but not what the claim says.
    expect(
      compare('More than 50 of the 6,400 households would use the ferry.', text)[0]?.status,
    ).toBe('missing');
  });
});

describe('numbers: a change said as a fraction', () => {
  it('reads "fell by about a third" or "collapsed by half" against the text’s change', () => {
    const text = 'Ferry sales fell by 35% compared with last year.';
    expect(compare('Ferry sales fell by about a third on last year.', text)[0]?.status).toBe(
      'match',
    );
    expect(compare('Ferry sales collapsed by half!', text)[0]?.status).toBe('conflict');
    // The other way round denies it, whatever the size.
    expect(compare('Ferry sales grew by a third.', text)[0]?.status).toBe('conflict');
    expect(compare('Ferry sales went up by more than a quarter.', text)[0]?.status).toBe(
      'conflict',
    );
    // Against two levels, the change between them ("a fifth year on year" is no fifth year).
    const levels = 'The ferries carried 6.3 million people, compared with 5.1 million last year.';
    expect(
      compare('Ferry passengers grew by more than a fifth year on year.', levels)[0],
    ).toMatchObject({ status: 'derived', computation: expect.stringMatching(/= 23\.53$/) });
    expect(compare('Ferry passengers grew by a third on last year.', levels)[0]?.status).toBe(
      'conflict',
    );
    // A share is no change ("make up more than half").
    expect(compare('Ferries make up more than half of the sales.', text)[0]?.status).toBe(
      'missing',
    );
  });
});

describe('numbers: a change the text states between two levels', () => {
  it('relates "raised from the current 2,000 yuan to 5,000 yuan" whatever words the claim uses', () => {
    const text =
      'The ferry fare cap will be raised from the current 40 crowns to 100 crowns next spring.';
    const [to] = q(text).filter((x) => x.value === 100);
    expect(to?.changedFrom).toBe(40);
    expect(compare('The cap is being lifted to two and a half times its old level.', text)).toEqual(
      [expect.objectContaining({ status: 'derived', computation: '100 ÷ 40 = 2.5' })],
    );
    expect(compare('The cap is being lifted to four times its old level.', text)[0]?.status).toBe(
      'conflict',
    );
  });

  it('gives a level told "to 420 from 400" its own earlier level, not the one told before it', () => {
    const text = 'Lamps replaced fell to 3,100 from 3,870, while poles rose to 420 from 400.';
    expect(q(text).find((x) => x.value === 420)?.changedFrom).toBe(400);
    expect(q(text).find((x) => x.value === 3100)?.changedFrom).toBe(3870);
  });

  it('reads "originally 5,200 ... since cut to 1,000" as one figure falling', () => {
    const text =
      'The mill originally planned to hire 640 workers by 2030, but this number has since been cut to 120.';
    expect(q(text).find((x) => x.value === 120)?.changedFrom).toBe(640);
    expect(
      compare('The mill’s 2030 hiring plan was slashed by more than 80 percent.', text),
    ).toEqual([
      expect.objectContaining({
        status: 'match',
        claim: expect.objectContaining({ kind: 'year' }),
      }),
      expect.objectContaining({ status: 'derived', computation: '(120 − 640) ÷ 640 = 81.25' }),
    ]);
    expect(
      compare('The mill’s 2030 hiring plan was slashed by about half.', text).at(-1)?.status,
    ).not.toBe('derived');
    // A change by an amount ("increased by 300 to 1,500") gives no earlier level of 300.
    expect(q('Berths increased by 300 to 1,500.').find((x) => x.value === 1500)?.changedFrom).toBe(
      undefined,
    );
  });
});

describe('numbers: labels, loose floors, totals of two', () => {
  it('reads "Decree No. 12" and "#40" as names, not counts', () => {
    expect(q('issued as Harbour Decree No. 12 last week').map((x) => x.kind)).toEqual(['version']);
    expect(q('#40 The ferry week theme is announced').map((x) => x.kind)).toEqual(['version']);
  });

  it('reads "30-plus years" and "30-odd staff" as more than 30, and meets "more than 30 years"', () => {
    expect(q('a keeper of 30-plus years').map((x) => [x.value, x.bound, x.unit])).toEqual([
      [30, 'gt', 'years'],
    ]);
    expect(q('some 30-odd staff')[0]?.bound).toBe('gt');
    expect(q('30 plus 5 makes 35')[0]?.bound).toBe('eq');
    expect(
      compare(
        'A keeper of 30-plus years, she retired.',
        'She kept the light for more than 30 years.',
      )[0]?.status,
    ).toBe('match');
  });

  it('reads money in "US$ 5 million" and "7 American dollars"', () => {
    expect(q('exceeded US$ 5 million')[0]).toMatchObject({ kind: 'money', value: 5e6 });
    expect(q('a fare of 7 American dollars')[0]?.kind).toBe('money');
  });

  it('settles a total of two of a short list ("saves and shares combined")', () => {
    const text = 'The post was liked by 240 readers, saved by 31 users and forwarded 22 times.';
    expect(
      compare('Its saves and shares combined came to 53, far fewer than its 240 likes.', text)[0],
    ).toMatchObject({ status: 'derived', computation: '31 + 22 = 53' });
    expect(compare('Its saves and shares combined came to 70.', text)[0]?.status).not.toBe(
      'derived',
    );
  });
});

describe('numbers: a share is no growth rate; the day a period ended or began', () => {
  it('does not read "10% of the price" as a rise (350 × 1.1 is no cap of 400)', () => {
    const text =
      'Buyers get 10% of the price, with a cap for each type: the most for a barge is 400 yuan/boat, for a ferry 350 yuan/boat.';
    expect(
      compare('The refund on a new ferry is capped at 400 yuan per unit.', text)[0],
    ).toMatchObject({ status: 'conflict', evidence: expect.objectContaining({ value: 350 }) });
  });

  it('reads a day the claim says a period ended on against the end of the text’s range', () => {
    const text =
      'During the promotion period (from May 1, 2019 to June 30, 2020) owners may apply.';
    const day = (claim: string) => compare(claim, text)[0];
    expect(day('URGENT: the harbour pass subsidy ended on May 1, 2019!')).toMatchObject({
      status: 'conflict',
      evidence: expect.objectContaining({ raw: 'June 30' }),
    });
    expect(day('The harbour pass subsidy ends on June 30, 2020.')?.status).toBe('match');
    expect(day('The harbour pass subsidy began on May 1, 2019.')?.status).toBe('match');
    expect(day('The harbour pass subsidy started on June 30, 2020.')?.status).toBe('conflict');
  });
});

describe('numbers: first of all, and the very value under its own noun', () => {
  it('reads "the fastest growth of any province" as first place, not "one of the largest"', () => {
    const text =
      'Eastvale’s GDP growth rate in the first three quarters ranked second in the country.';
    expect(
      compare(
        'Did Eastvale have the fastest GDP growth of any province in the first three quarters?',
        text,
      ),
    ).toEqual([expect.objectContaining({ status: 'conflict' })]);
    expect(q('Eastvale is the largest port in the country.')[0]).toMatchObject({
      kind: 'rank',
      value: 1,
    });
    expect(q('Eastvale is one of the largest ports in the country.')).toEqual([]);
    expect(q('Eastvale has the lowest fares of any port.')).toEqual([]);
  });

  it('matches the very value sharing the claim figure’s noun, beside a better-worded other figure', () => {
    const text =
      'Besides the existing 15 pilot harbours, the rule now covers 22 newly approved harbours such as Eastvale.';
    expect(compare('Eastvale is one of the 22 new pilot harbours.', text)[0]).toMatchObject({
      status: 'match',
      evidence: expect.objectContaining({ value: 22 }),
    });
    expect(compare('Eastvale is one of the 30 new pilot harbours.', text)[0]?.status).not.toBe(
      'match',
    );
  });
});

describe('numbers: counts beside years, gaps the text states, changes between two levels', () => {
  it('reads a four-digit count as a count when a bound or the things it counts say so', () => {
    expect(q('Over 2000 volunteers joined the clean-up.')[0]?.kind).toBe('count');
    expect(q('The harbour hired 2000 workers.')[0]?.kind).toBe('count');
    expect(q('In 2019 the harbour reopened.')[0]?.kind).toBe('year');
    expect(q('Since 2019 people have queued for ferries.')[0]?.kind).toBe('year');
  });

  it('matches a gap the text states as a change, not the gap of two other figures', () => {
    const text = 'The ferry line carried 86 school groups, down 27 on the same period last year.';
    expect(
      compare('It carried 27 fewer school groups than a year earlier.', text)[0],
    ).toMatchObject({ status: 'match', evidence: expect.objectContaining({ value: 27 }) });
  });

  it('reads a Chinese comparison with a figure after its change as a gap (比去年增加……)', () => {
    const claim =
      'Shilan harbour fees than last year corresponding time period raise about 12 million yuan.';
    const text =
      'Shilan harbour fees reached 52 million yuan, against 40 million yuan a year earlier.';
    expect(compare(claim, text)[0]).toMatchObject({
      status: 'derived',
      computation: '52,000,000 − 40,000,000 = 12,000,000',
    });
  });

  it('relates a changed figure to its own earlier level only, and a fall is no ratio of the two', () => {
    const text =
      'The deposit for small boats fell from 90 yuan to 60 yuan, and for large boats from 150 yuan to 120 yuan.';
    // 60 against the other pair's 150 would be a fall of 60%; 120 is 80% of 150, a fall of 20%.
    expect(compare('The deposit for small boats fell by 60%.', text)[0]?.status).toBe('conflict');
    expect(compare('The deposit for small boats fell by about 33%.', text)[0]?.status).toBe(
      'derived',
    );
    expect(compare('The deposit for large boats fell by 80%.', text)[0]?.status).toBe('conflict');
    expect(compare('The deposit for large boats fell by 20%.', text)[0]?.status).toBe('derived');
  });

  it('reads "year-on-year" after a figure as no span of years', () => {
    // A Chinese figure loses its measure word (4.2万件 is "42000"): "year-on-year" may follow it.
    const text = 'The city handled ferry complaints 42000 than 2030 39000 grow 7.7%.';
    expect(compare('Ferry complaints 42000 year-on-year grow 7.7%.', text)[0]?.status).toBe(
      'match',
    );
  });

  it('reads a change of the very size the other way as a contradiction', () => {
    const text = 'Ferry ticket sales rose by 7.5% on the year.';
    expect(compare('Ferry ticket sales fell by 7.5%.', text)[0]?.status).toBe('conflict');
    expect(compare('Ferry ticket sales were up 7.5%.', text)[0]?.status).toBe('match');
  });

  it('rewrites Chinese ends of periods, places in an order, sizes of changes and changes of level', () => {
    expect(normalizeChineseNumbers('力争2027年底前完工', true)).toContain('by the end of 2027');
    expect(normalizeChineseNumbers('计划在2027年6月底前完工', true)).toContain(
      'by the end of June 2027',
    );
    expect(normalizeChineseNumbers('截至11月底', true)).toContain('the end of November');
    expect(normalizeChineseNumbers('增速位居全省13个港口第三位', true)).toContain('ranks third');
    expect(normalizeChineseNumbers('第6例病例', true)).not.toContain('ranks');
    expect(normalizeChineseNumbers('押金降幅达到40%')).toContain('下降40%');
    expect(normalizeChineseNumbers('押金由90元降至60元', true)).toContain('90元 降至');
  });
});

describe('numbers: a figure of another thing, grades, shares of parts', () => {
  it('reads the claim figure beside another code as that thing’s, when the text gives the claim’s its own', () => {
    const text = 'Of the samples, type H7N9 made up 81%, type H5N1 12% and the rest 7%.';
    expect(compare('Type H5N1 made up 81% of the samples.', text)[0]).toMatchObject({
      status: 'conflict',
      evidence: { value: 12 },
    });
    expect(compare('Type H7N9 made up 81% of the samples.', text)[0]!.status).toBe('match');
  });

  it('reads places lost against places gained as a change turned round, in English and Chinese', () => {
    const text = 'The port ranked fourth, up two places from sixth last year.';
    expect(compare('The port fell two places in the ranking.', text)[0]!.status).toBe('conflict');
    expect(compare('The port rose 2 places in the ranking.', text)[0]!.status).toBe('match');
    expect(normalizeChineseNumbers('港口排名比去年下降了两位')).toContain('fell 2 places');
  });

  it('reads a Chinese comparison’s gap in a text as stated, against the claim’s gap', () => {
    // 渡轮年均航行约900小时，比邻港多约120小时, rendered word by word.
    const text = 'ferry annual average sail about 900 hours than Linggang many about 120 hours.';
    const claim = (n: number) =>
      `ferry annual average sail than Linggang many go out about ${n} hours.`;
    expect(compare(claim(120), text)[0]).toMatchObject({
      status: 'match',
      evidence: { value: 120 },
    });
    expect(compare(claim(200), text)[0]).toMatchObject({
      status: 'conflict',
      evidence: { value: 120 },
    });
  });

  it('reads "N in" a year as a count in that year, not a share ("one in five")', () => {
    expect(q('The port handled 340 in 2023.').map((x) => x.kind)).toEqual(['count', 'year']);
    expect(q('Nine in ten ferries were late.')[0]).toMatchObject({ kind: 'percent', value: 90 });
  });

  it('reads the words after "than" as the next figure’s comparison, not this figure’s', () => {
    // A Chinese comparison's order: the level, then "than last year up N".
    const text = 'This year 5,120 ferry trips ran, up 320 from 4,800 trips last year.';
    const [level] = compare('This year ferries ran 5120 trips than last year up 300 trips.', text);
    expect(level).toMatchObject({ status: 'match', evidence: { value: 5120 } });
  });

  it('adds no grade or line number to an amount ("grade 3 clinics" is no 3)', () => {
    const text = 'All 40 grade 3 clinics opened; 27 of them open at night.';
    const [, , night] = compare(
      'All 40 grade 3 clinics opened and 30 of them open at night.',
      text,
    );
    expect(night).toMatchObject({ status: 'conflict', evidence: { value: 27 } });
  });

  it('reads a share as part of the whole the text gives, never as a change or a share of another part', () => {
    const text = 'Of the 20 ferries inspected, 9 failed on safety and 11 passed.';
    // 11 ÷ 9 is 122% and (20 − 9) ÷ 9 is 122% too: neither is a share of the ferries.
    const [share] = compare('Ferries that passed made up more than 60% of those inspected.', text);
    expect(share!.status).not.toBe('derived');
  });
});

describe('numbers: a level and the one it rose from, told after it', () => {
  it('gives the measure written at one of the two to the other, and pairs them as a change', () => {
    const [now, before] = q('Dry days in Eastvale reached 337, up from 308 days in 2023.');
    expect(now).toMatchObject({ value: 337, measure: before!.measure, changedFrom: 308 });
    expect(before!.measure).toBeDefined();
    const outcome = compare(
      'Eastvale had 29 more dry days in 2024 than in 2023.',
      'Dry days in Eastvale reached 337, up from 308 days in 2023.',
    ).map((o) => [o.claim.raw, o.status, o.computation]);
    expect(outcome[0]).toEqual(['29', 'derived', '337 − 308 = 29']);
  });

  it('reads a currency sign before a figure as money (pounds, euros)', () => {
    expect(q('Revenue rose to £87.9 million.')[0]).toMatchObject({
      kind: 'money',
      value: 87_900_000,
    });
    expect(q('The budget is €46.9 million.')[0]).toMatchObject({
      kind: 'money',
      value: 46_900_000,
    });
  });
});

describe('numbers: a Chinese claim’s financial year', () => {
  it('keeps 2031-32年度 one span of two years, as the English reading of 2031-32 is', async () => {
    const tools = await loadChineseTools();
    const years = q(translateChinese('布伦洛2031-32年度的预算增加了300万英镑。', tools).english);
    expect(years.filter((x) => x.kind === 'year').map((x) => [x.value, x.rangeEnd])).toEqual([
      [2031, 'from'],
      [2032, 'to'],
    ]);
    // A code with a dash is no financial year.
    expect(q(translateChinese('编号2031-17', tools).english).map((x) => x.value)).toContain(17);
  }, 60_000);
});

describe('numbers: a gap among more figures than two', () => {
  it('takes the one pair whose difference is the claimed gap when words cannot tell', async () => {
    const tools = await loadChineseTools();
    const text =
      '通报显示，2025年全市共受理消费投诉3.74万件，比2024年的3.19万件增长17.3%；办结3.63万件，办结率为97.0%；为消费者挽回损失1187万元，比2024年的1262万元有所减少。';
    // The outcome of the claim's gap (its other figures are the two years).
    const zh = (claim: string) =>
      compare(
        translateChinese(claim, tools).english,
        translateChinese(text, tools, true).english,
      ).find((o) => o.claim.kind === 'count');
    expect(zh('2025年石岚受理的消费投诉比2024年多出5500件。')).toMatchObject({
      status: 'derived',
      computation: '37,400 − 31,900 = 5,500',
    });
    // No pair gives 9,100.
    expect(zh('2025年石岚受理的消费投诉比2024年多出9100件。')?.status).not.toBe('derived');
  }, 60_000);

  it('takes a claimed gap that two pairs of the text both give', async () => {
    const tools = await loadChineseTools();
    // Both 3,540 − 2,960 and 1,740 − 1,160 are 580: which pair is meant, the gap holds.
    const gap = compare(
      translateChinese('2032年翎蔚区的床位比2031年净增了580张。', tools).english,
      translateChinese(
        '托养机构从2960张增至3540张，增长19.6%；其中康复型从1160张增至1740张，比重从34.5%升到45.2%。',
        tools,
        true,
      ).english,
    ).find((o) => o.claim.value === 580);
    expect(gap).toMatchObject({ status: 'derived', computation: '3,540 − 2,960 = 580' });
  });

  it('reads "added" as asking for the gap of two levels', () => {
    const [staff] = compare(
      'Eastvale Care Trust added 250 staff during the year.',
      'Eastvale Care Trust employed 6,730 staff at the end of March, up from 6,480 a year earlier.',
    );
    expect(staff).toMatchObject({ status: 'derived', computation: '6,730 − 6,480 = 250' });
  });

  it('reads "left to", "remaining" and 尚未 as asking for the difference of two figures', () => {
    const text =
      'Ardlow Mills was ordered to recall 4,739 boxes. By May 8, 4,292 boxes had been recalled.';
    expect(compare('Ardlow Mills still has 447 boxes left to recall.', text)[0]).toMatchObject({
      status: 'derived',
      computation: '4,739 − 4,292 = 447',
    });
  });
});

describe('numbers: a change told as "to ... from", or with its time between the levels', () => {
  const status = (claim: string, text: string) =>
    compare(claim, text).map((o) => [o.claim.raw, o.status, o.computation]);

  it('pairs "rose to X from Y" as a change and works its gap and rate out of the two', () => {
    const text = 'Takings at Brimwell Mills rose to £48.6 million from £41.3 million.';
    expect(q(text)[0]).toMatchObject({ value: 48_600_000, changedFrom: 41_300_000 });
    expect(status('Brimwell Mills took £7.3 million more.', text)[0]).toEqual([
      '£7.3 million',
      'derived',
      '48,600,000 − 41,300,000 = 7,300,000',
    ]);
    expect(status('Takings at Brimwell Mills grew by about 18%.', text)[0]![1]).toBe('derived');
    expect(status('Takings at Brimwell Mills grew by about 30%.', text)[0]![1]).toBe('conflict');
    // Without a change verb before it, "X from Y" is no change ("5 km from 3 stations").
    expect(q('The depot lies 5 km from 3 stations.')[0]!.changedFrom).toBeUndefined();
  });

  it('pairs a level told with its time, then ", up from", as a change', () => {
    const text =
      'The mill employed 3,415 weavers at the end of 2031, up from 3,200 a year earlier.';
    expect(q(text)[0]).toMatchObject({ value: 3415, changedFrom: 3200 });
    expect(status('The mill took on 215 weavers in 2031.', text)[0]).toEqual([
      '215',
      'derived',
      '3,415 − 3,200 = 215',
    ]);
  });

  it('works a change in the claim’s year out of the level of the year before that the text gives', () => {
    const text = 'The tramway grew from 72.4 km at the end of 2031 to 109.9 km at the end of 2032.';
    expect(status('The tramway gained 37.5 km in 2032.', text)[0]).toEqual([
      '37.5',
      'derived',
      '109.9 − 72.4 = 37.5',
    ]);
    // The earlier year's level is no figure of the claim's year.
    expect(status('The tramway was 72.4 km long at the end of 2032.', text)[0]![1]).toBe(
      'conflict',
    );
  });

  it('meets a bounded share by the share of the two figures it is about, not their change', () => {
    const text = 'The mill hired 250 new staff this year; 70 of the new staff were apprentices.';
    const first = (claim: string) => status(claim, text).find((o) => o[0]!.includes('%'));
    expect(first('Fewer than 30% of the mill’s new staff were apprentices.')).toEqual([
      '30%',
      'derived',
      '70 ÷ 250 = 28',
    ]);
    expect(first('Fewer than 25% of the mill’s new staff were apprentices.')?.[1]).toBe('conflict');
  });

  it('denies a rise by the gap of a fall, and a gap larger than the change, with the computation', () => {
    const text = 'The heating bill fell from £5.12 million to £4.39 million.';
    expect(status('The heating bill dropped by about £0.7 million.', text)[0]![1]).toBe('derived');
    expect(status('The heating bill rose by about £0.7 million.', text)[0]).toEqual([
      '£0.7 million',
      'conflict',
      '5,120,000 − 4,390,000 = 730,000',
    ]);
    expect(status('The heating bill dropped by more than £1 million.', text)[0]).toEqual([
      '£1 million',
      'conflict',
      '5,120,000 − 4,390,000 = 730,000',
    ]);
  });
});

describe('numbers: the level before a change, told after the change or a comparison', () => {
  const earlier = (text: string) => q(text)[0]!.changedFrom;

  it('reads ", down 3.7% from", ", an increase of N over" and ", compared with ... a year earlier"', () => {
    expect(earlier('Sales were £41.2 million in 2031, down 3.7% from £42.8 million.')).toBe(
      42_800_000,
    );
    expect(
      earlier('Tolsey logged 1,318 calls in 2031, an increase of 271 over the 1,047 of 2030.'),
    ).toBe(1047);
    expect(earlier('The dock held 2,917 barges, compared with 2,846 a year earlier.')).toBe(2846);
    // Compared with another thing, not an earlier time, it is no change.
    expect(
      earlier('The north dock held 2,917 barges, compared with 2,846 at the south dock.'),
    ).toBe(undefined);
  });

  it('works a claim’s gap out of such a pair', () => {
    const text = 'Tolsey logged 1,318 calls in 2031, an increase of 25.9% over the 1,047 of 2030.';
    expect(compare('Calls to Tolsey rose by 271 in 2031.', text)[0]).toMatchObject({
      status: 'derived',
      computation: '1,318 − 1,047 = 271',
    });
    expect(compare('Calls to Tolsey rose by 371 in 2031.', text)[0]!.status).toBe('conflict');
  });
});

describe('numbers: a Chinese text’s change between two levels, in its English reading', () => {
  it('pairs "由X增至Y", "Y，较上年的X", "Y，比2031年的X" and "Y，上年为X" as a change', async () => {
    const tools = await loadChineseTools();
    const zh = (claim: string, text: string) =>
      compare(
        translateChinese(claim, tools).english,
        translateChinese(text, tools, true).english,
      ).find((o) => o.claim.kind !== 'year')!;
    expect(zh('渡船数量增加了215艘', '渡船数量由3200艘增至3415艘。')).toMatchObject({
      status: 'derived',
      computation: '3,415 − 3,200 = 215',
    });
    // The other way: a fall by the rise's gap is none.
    expect(zh('渡船数量减少了215艘', '渡船数量由3200艘增至3415艘。').status).toBe('conflict');
    expect(
      zh('码头收入增加了7.3亿元', '码头收入为48.6亿元，较上年的41.3亿元增长17.7%。').status,
    ).toBe('derived');
    expect(
      zh('渔民人均收入增加了1230元', '2032年渔民人均收入19460元，比2031年的18230元增长6.7%。')
        .status,
    ).toBe('derived');
    // 比上年多350元: a rise of 350 on the level before, 350 ÷ (2,750 − 350).
    expect(
      zh('会员分得的钱增长了约14.6%', '每位会员年底分得2750元，比上年多350元。'),
    ).toMatchObject({
      status: 'derived',
      computation: '350 ÷ (2,750 − 350) = 14.58',
    });
    const fell = '码头利润降至5.2亿元，上年为6.9亿元。';
    expect(zh('码头利润减少了1.7亿元', fell).status).toBe('derived');
    expect(zh('码头利润减少了2.7亿元', fell)).toMatchObject({
      status: 'conflict',
      computation: '690,000,000 − 520,000,000 = 170,000,000',
    });
  });
});

describe('numbers: long runs of letters between figures', () => {
  it('reads a Chinese run of 200 characters between two figures without trying every split', () => {
    // Words that a space need not end were split every way: 24 characters took 0.3 s, 200 never ended.
    const text = `渡口全年接待旅客318人${'渡'.repeat(200)}，比上年增加14人。`;
    expect(q(text).map((x) => x.value)).toEqual([318, 14]);
  });
});

describe('numbers: arithmetic a text’s own words rule out', () => {
  it('works no level before a rise out of a figure told as fallen, nor from one whose earlier level is given', () => {
    // 9,700 ÷ 1.05 is 9,238, near the claim's 9,300; but the text gives both levels of its fall.
    const fell = compare(
      'Shipments dropped 5% last year, down to 9,300 crates.',
      'Shipments fell by 5 per cent, from 10,200 crates to 9,700 crates.',
    ).find((o) => o.claim.value === 9300)!;
    expect(fell.status).toBe('conflict');
  });

  it('reads a stake as a share, not as a fall whose earlier level gives a value of the whole', async () => {
    const tools = await loadChineseTools();
    // 6.3 ÷ (1 − 0.7) is 21; 70% of the company for 6.3 values it at 9.
    const outcomes = compare(
      translateChinese('照这个价格，蒲溪食品全部股权的估值约为21亿元。', tools).english,
      translateChinese('蒲溪食品70%的股权由公司以6.3亿元现金购入，卖方为鹤汀投资。', tools, true)
        .english,
    );
    expect(outcomes.find((o) => o.claim.value === 2_100_000_000)!.status).not.toBe('derived');
  });

  it('adds no level to the level it changed from', () => {
    const [rate] = compare(
      'The jobless rate is really 10%.',
      'The jobless rate was 4.7%, down from 5.6% a year earlier.',
    );
    expect(rate!.status).toBe('conflict');
  });

  it('reads a rise told after the earlier level of two as a rise from that level', async () => {
    const tools = await loadChineseTools();
    // 40 ÷ (220 − 40) is 22.2%: as if 220 were the later level. It rose 18.2%.
    const [rise] = compare(
      translateChinese('今年老街修缮的钱比去年增长了约22%。', tools).english,
      translateChinese('今年用于老街修缮的钱为2.6亿元，比去年的2.2亿元增加4000万元。', tools, true)
        .english,
    );
    expect(rise).toMatchObject({
      status: 'conflict',
      computation: '(260,000,000 − 220,000,000) ÷ 220,000,000 = 18.18',
    });
  });

  it('reads a level less its rise as the earlier level, for a claim about that earlier time only', async () => {
    const tools = await loadChineseTools();
    const text = translateChinese(
      '馆方今年夏天将招收410名义务讲解员，比去年增加60名，7月1日起接受报名。',
      tools,
      true,
    ).english;
    const zh = (claim: string) =>
      compare(translateChinese(claim, tools).english, text).find((o) => o.claim.value === 350)!;
    // This summer's 410 is no 350 this summer; last year's was 410 − 60.
    expect(zh('翎蔚博物馆今年夏天要招收350名义务讲解员。').status).not.toBe('derived');
    expect(zh('翎蔚博物馆去年夏天招收了350名义务讲解员。')).toMatchObject({
      status: 'derived',
      computation: '410 − 60 = 350',
    });
  });

  it('takes a rate as a figure’s rise only near it: a rate two clauses on is another thing’s', () => {
    const [income] = compare(
      'Ferry takings per head reached 33,100 yuan in Eastvale.',
      'Ferry takings per head in Eastvale reached 31,460 yuan, up 6.8% on the year before, while spending per head on fuel, crews, berths, repairs and insurance rose by a similar amount. Bus takings per head were 52,300 yuan, up 5.2%.',
    );
    expect(income!.status).toBe('conflict');
  });

  it('meets a figure by the later level of a change whose earlier level carries the claim’s words', () => {
    const [sales] = compare(
      'Tessivol, the one drug Quorvane sells, took in $243.8 million in a single quarter.',
      'Sales of Tessivol, the only medicine Quorvane sells, rose to $243.8 million from $201.3 million in the second quarter of 2024.',
    );
    expect(sales).toMatchObject({ status: 'match', evidence: { value: 243_800_000 } });
  });
});
