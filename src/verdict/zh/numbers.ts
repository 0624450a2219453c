/**
 * Chinese numbers and dates rewritten the way the English documents write them, so that they
 * match: 10月5日 → October 5, 2.1万 → 21,000, 六十八岁 → 68 years old, 百分之三十 → 30%.
 */

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December',
]; // prettier-ignore

const ORDINALS = [
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
]; // prettier-ignore

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
}; // prettier-ignore
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千]+/;

/** Value of a Chinese numeral below 10,000 (六十八 → 68, 十二 → 12, 三千零五 → 3005). */
export function chineseNumeralValue(run: string): number | undefined {
  let total = 0;
  let digit: number | undefined;
  for (const ch of run) {
    if (ch in DIGITS) {
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      total += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = undefined;
    } else {
      return undefined;
    }
  }
  return total + (digit ?? 0);
}

/** 21000 → "21000" (no separators: the segmenter would split "21,000"); up to two decimals. */
export function formatNumber(value: number): string {
  return String(Math.round(value * 100) / 100);
}

const DURATION: Record<string, string> = {
  天: 'days', 周: 'weeks', 星期: 'weeks', 小时: 'hours', 年: 'years',
}; // prettier-ignore

/** Classifiers and units after which a run of numerals is a quantity (一些 or 统一 are not). */
const COUNTED = '例人个岁名张家年月日号时万亿倍次项件所栋户位起元分天周批种条辆台座';

/** Metric units whose 千 is "kilo", as the English documents write them. */
const METRIC_UNITS: Readonly<Record<string, string>> = {
  吉瓦时: 'GWh',
  兆瓦时: 'MWh',
  千瓦时: 'kWh',
  吉瓦: 'GW',
  兆瓦: 'MW',
  千瓦: 'kW',
  千克: 'kg',
  千米: 'km',
};
/** A figure and one of those units (the longer first: 千瓦时 before 千瓦). */
const METRIC_UNIT = new RegExp(`(\\d)\\s*(${Object.keys(METRIC_UNITS).join('|')})`, 'g');

/** Rewrites numbers, dates and magnitudes in Chinese text into English-document form. */
export function normalizeChineseNumbers(text: string, asText = false): string {
  // 千万 before a warning (千万别, 千万当心) is "by all means", no ten million.
  // Thousands written with commas ("52,340人") are one figure: the segmenter cuts at the comma.
  const grouped = text
    .replace(/(?<=\d),(?=\d{3}(?!\d))/g, '')
    // 最近一次, 上一轮, 这一批 ("the latest", "the last", "this"): which one, not how many.
    .replace(/(最近|上|下|这|那|每|同)一(次|回|轮|届|期|批)/g, '$1$2');
  const urged = grouped.replace(
    /(?<![\d.零〇一二两三四五六七八九十百几上数])千万(?=[别不要当小注记莫勿务])/g,
    '',
  );
  // 周岁 is years of age (80周岁, no "80 weeks"); a bound said before what a fraction is of
  // (不到上限的一半, "less than the ceiling's half") bounds the fraction.
  const aged = urged
    .replace(/(\d+)周岁/g, '$1岁')
    .replace(
      /(不到|不足|不及|低于|少于|超过|高于|多于)([^，。；,;！？\d]{1,12}?)的(?=一半|[一二三四五六七八九十\d]+分之|[一二三四五六七八九]成)/g,
      '$2的$1',
    );
  // 比上年多350元, 比2031年少12家: a rise or fall by the figure, as 增加 and 减少 say it.
  const compared = aged.replace(
    /(比(?:上年|去年|前年|上年同期|去年同期|同期|前一年|\d{4}年)(?:同期)?)([多少])(?=\d)/g,
    (_m, than: string, way: string) => `${than}${way === '多' ? '增加' : '减少'}`,
  );
  // Before numerals are read: 百 of 百分点 (percentage point) is no hundred.
  const points = compared.replace(/(\d+(?:\.\d+)?)\s*个?百分点/g, ' $1 percentage points ');
  // Units of energy, power, weight and length whose 千 is "kilo", no thousand (3260千瓦时 is
  // 3,260 kWh), written as the English documents write them.
  const units = points.replace(
    METRIC_UNIT,
    (_m, d: string, unit: string) => `${d} ${METRIC_UNITS[unit]} `,
  );
  // A figure in digits with 千 or 百 after it (5千元, 1.2千万): thousands or hundreds of it.
  const scaled = units.replace(/(\d+(?:\.\d+)?)([千百])/g, (_m, n: string, unit: string) =>
    formatNumber(Number(n) * SMALL_UNITS[unit]!),
  );
  let out = scaled.replace(
    new RegExp(`(?<![\\d.])(${NUMERAL_RUN.source})(?=[${COUNTED}])`, 'g'),
    (run: string, _n: string, at: number, all: string) => {
      const value = String(chineseNumeralValue(run) ?? run);
      if (run !== '一') return value;
      // 一年内, 一年来: "within the year", "over the past year", no count of one.
      if (/^[年天月周][内来间中里]/.test(all.slice(at + 1))) return '';
      // 上一年, 同一天, 这一次: "the previous year", "the same day", "this time".
      return /[上下同这那每]/.test(all[at - 1] ?? '') ? run : value;
    },
  );
  out = out.replace(/百分之(\d+(?:\.\d+)?)/g, '$1%');
  // 上升了两位, 下降3位: places in an order gained or lost, as English says them.
  out = out.replace(
    /(上升|提升|前进|提高|下降|后退|下滑|退后)了?(\d{1,2})个?位(?!数)/g,
    (_m, verb: string, n: string) =>
      ` ${/^(上升|提升|前进|提高)$/.test(verb) ? 'rose' : 'fell'} ${n} places `,
  );
  // 元 ends its figure in a document's sentence: "90元降至60元" is not cut as a word 元降.
  if (asText) out = out.replace(/(\d)元(?=\p{Script=Han})/gu, '$1元 ');
  // A size of change said as a figure (降幅达到40%, "the drop reached 40%") is the change itself.
  out = out.replace(
    /([降跌减增涨])幅(?:达到|达|为)?(?=(?:约|近|超过|逾)?[\d一二三四五六七八九十两])/g,
    (_m, c: string) => ('降跌减'.includes(c) ? '下降' : '增长'),
  );
  // Fractions and tenths: 三分之一 → 33.3%, 三成 → 30%, 三成半 → 35%.
  out = out.replace(
    new RegExp(`(${NUMERAL_RUN.source}|\\d+)分之(${NUMERAL_RUN.source}|\\d+)`, 'g'),
    (m, a: string, b: string) => {
      const [den, num] = [a, b].map((x) => (/\d/.test(x) ? Number(x) : chineseNumeralValue(x)));
      return den && num !== undefined ? ` ${formatNumber((num / den) * 100)}% ` : m;
    },
  );
  // 三成半 and 三成五 are 35%: a half or a digit after the tenths is the next place.
  out = out.replace(
    /([一二三四五六七八九两])成(半|[一二三四五六七八九](?![十百千万亿个]))?(?![为功立本果员])/g,
    (_m, d: string, more: string | undefined) =>
      ` ${DIGITS[d]! * 10 + (more === undefined ? 0 : more === '半' ? 5 : DIGITS[more]!)}% `,
  );
  // 前三季度, 前两个月: a reporting period ("the first three quarters"); 六个月 a span of months.
  // 两个多月, more than two months.
  out = out.replace(
    new RegExp(`(前)?(${NUMERAL_RUN.source}|\\d+)个?([多余])?(季度|月)(?!\\d)`, 'g'),
    (m, first: string | undefined, n: string, more: string | undefined, unit: string) => {
      const value = /\d/.test(n) ? Number(n) : chineseNumeralValue(n);
      if (value === undefined || (!first && (unit === '季度' || !m.includes('个')))) return m;
      const bound = more ? 'more than ' : '';
      return ` ${first ? 'the first ' : ''}${bound}${value} ${unit === '季度' ? 'quarters' : 'months'} `;
    },
  );
  // 10天后, 3周内, 5年多: spans of days, weeks, hours and years (a four-digit 年 is a year, and
  // 80年代 a decade), in English words before the segmenter reads 天后 or 周内 as words.
  out = out.replace(
    /(?<![\d.])(\d{1,3})([多余])?(天|周|星期|小时|年)(?![级代年])(多)?/g,
    (_m, n: string, more: string | undefined, unit: string, after: string | undefined) =>
      ` ${more || after ? 'more than ' : ''}${n} ${DURATION[unit]} `,
  );
  // 多出一倍, 增长了一倍: "more by one times" is a doubling (larger multiples are said loosely
  // both ways, so only one is read); 以上 or 多 after it, more than doubled.
  out = out.replace(
    /(?:多出?|高出?|增加了?|增长了?|提高了?|上升了?)(?:一|1)倍(以上|多)?/g,
    (_m, more: string | undefined) => (more ? ' more than doubled ' : ' doubled '),
  );
  // 翻一番 "turned over once" is a doubling, as is 翻了一倍; 翻两番, twice over, a fourfold rise.
  out = out.replace(/翻了?([一两])番|翻倍|翻番|翻了?(?:一|1)倍/g, (_m, n: string | undefined) =>
    n === '两' ? ' quadrupled ' : ' doubled ',
  );
  // 三季度, 第三季度: one quarter of the year, named by its place.
  out = out.replace(
    /第?([一二三四])季度/g,
    (_m, d: string) => ` the ${['first', 'second', 'third', 'fourth'][DIGITS[d]! - 1]} quarter `,
  );
  // In a document's sentence, 2031年底前, 6月底: the end of a year or month (and "by" it), before
  // 底前 is read as a word; and 位居全省第四位, 排名第3名, a place in an order as English says it
  // ("ranks second"). (Claims keep their words: the verdict model is fitted on them.)
  if (asText) out = endsAndPlaces(out);
  // 第2条, 第3批: a place in a series names one of them ("the second line"), it counts nothing.
  out = out.replace(/第(\d{1,3})(?![\d.%位名])/g, (_m, n: string) => {
    const word = ORDINALS[Number(n) - 1];
    return word ? ` the ${word} ` : ` No. ${n} `;
  });
  // 1至6月, 1-10月: a span of months, "January to June" (not "1 June").
  out = out.replace(
    /(\d{1,2})\s*(?:至|到|-|—|–|~|～)\s*(\d{1,2})月(?!\d)/g,
    (m, a: string, b: string) =>
      MONTHS[Number(a) - 1] && MONTHS[Number(b) - 1]
        ? ` from ${MONTHS[Number(a) - 1]} to ${MONTHS[Number(b) - 1]} `
        : m,
  );
  out = out.replace(
    /(\d{1,2})月(\d{1,2})[日号]/g,
    (_m, mo: string, d: string) => ` ${MONTHS[Number(mo) - 1] ?? mo} ${Number(d)} `,
  );
  out = out.replace(/(\d{1,2})月(?!\d)/g, (_m, mo: string) => ` ${MONTHS[Number(mo) - 1] ?? mo} `);
  // A bound after a percentage (三成以上, 30% or more).
  out = out.replace(
    /(\d+(?:\.\d+)?%)\s*(以上|以下)/g,
    (_m, n: string, bound: string) => ` ${bound === '以上' ? 'more than' : 'less than'} ${n} `,
  );
  // 占年度预算的6%, "takes of the budget 6%": a share says what it is of before its figure; English
  // (and the parser) read "accounting for 6% of the budget". 占比 (a share) and 占地 (covers) are
  // other words.
  out = out.replace(
    /占(?![比据领地用有])([^，。；、,.;!?！？\d%]{1,12}?)的?\s*((?:约|近|将近|大约|超过|不到|不足|more than |less than )?\s*\d+(?:\.\d+)?%)/g,
    (_m, whole: string, share: string) => ` accounting for ${share} of ${whole} `,
  );
  // 2亿3600万: hundreds of millions and tens of thousands written as one figure.
  out = out.replace(
    /(\d+(?:\.\d+)?)亿(\d{1,4})万/g,
    (_m, a: string, b: string) => `${formatNumber(Number(a) * 1e8 + Number(b) * 1e4)}`,
  );
  // A bound written after its figure goes before it, where English (and the parser) puts it:
  // 500万元以上 → more than 500万元, 36万多辆 → more than 36万辆, 1200余件 → more than 1200件,
  // 两倍多 → more than 2倍.
  out = out.replace(
    /(\d+(?:\.\d+)?(?:万亿|亿|万)?)([元人个件家例次项辆台座所条种名位户倍]?)(以上|以下|以内|之内|多|余)/g,
    (_m, n: string, unit: string, bound: string) =>
      ` ${/^(以上|多|余)$/.test(bound) ? 'more than' : 'less than'} ${n}${unit} `,
  );
  out = out.replace(/(\d+(?:\.\d+)?)(万亿|亿|万)/g, (_m, n: string, unit: string) => {
    const scale = unit === '万亿' ? 1e12 : unit === '亿' ? 1e8 : 1e4;
    return ` ${formatNumber(Math.round(Number(n) * scale * 100) / 100)} `;
  });
  out = out.replace(/(\d{4})年/g, ' $1 ');
  out = out.replace(/(\d+)岁/g, ' $1 years old ');
  out = out.replace(/(\d+)[时点](?!\d)/g, ' ');
  return out.replace(/ {2,}/g, ' ');
}

/** Ends of years and months (2031年底前, "by the end of 2031") and places in an order (第二位). */
function endsAndPlaces(text: string): string {
  let out = text;
  out = out.replace(
    /(?:(\d{4})年)?(?:(\d{1,2})月)?底(前|之前)?/g,
    (m, year: string | undefined, mo: string | undefined, by: string | undefined) => {
      const month = mo ? MONTHS[Number(mo) - 1] : undefined;
      if (!year && !month) return m;
      const when = [month, year].filter(Boolean).join(' ');
      return ` ${by ? 'by ' : ''}the end of ${when} `;
    },
  );
  out = out.replace(
    new RegExp(
      `(位居|位列|排名|排在|名列|居)([^，。；,;]{0,14}?)第(${NUMERAL_RUN.source}|\\d{1,2})[位名]`,
      'g',
    ),
    (m, verb: string, where: string, n: string) => {
      const place = /\d/.test(n) ? Number(n) : chineseNumeralValue(n);
      const word = place === undefined ? undefined : ORDINALS[place - 1];
      return word ? `${verb}${where} ranks ${word} ` : m;
    },
  );
  return out;
}
