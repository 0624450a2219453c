import { STOPWORDS, stemWord } from '../text/terms.js';

/** A rank is a place in an order ("placed fourth", "the third largest"): equal or not, never summed. */
export type QuantityKind = 'count' | 'percent' | 'money' | 'date' | 'year' | 'version' | 'rank';
/** Any figure but a point in time (a date or a year): counts, money, shares, versions. */
export const isAmount = (q: Pick<Quantity, 'kind'>): boolean =>
  q.kind !== 'date' && q.kind !== 'year';

/** A date of a month alone ("in mid-August"): day 0 of the month*100+day encoding. */
export const wholeMonth = (date: number): boolean => date % 100 === 0;

/** How a claim bounds its number: "more than 21,000" is satisfied by 21,222. */
export type Bound = 'eq' | 'gt' | 'lt' | 'approx';

/** A number found in text, with the words around it that say what it counts. */
export interface Quantity {
  value: number;
  kind: QuantityKind;
  bound: Bound;
  raw: string;
  start: number;
  end: number;
  /** Content stems right after the number (its unit or noun: "cases", "beds"). */
  after: string[];
  /** Content stems right before it ("Eastvale district had 6"). */
  before: string[];
  /** The word written right after it, as written ("cups"), for showing computations. */
  unit: string;
  /** Stems of capitalised words (names) in its context. */
  names: string[];
  /**
   * Said as a relation of two figures rather than a figure: a share ("half", "nine in ten", as a
   * percent) or a multiple ("twice", "ten times"). The text states the figures, not the relation.
   */
  relation?: 'share' | 'multiple';
  /** Which end of a range it is ("from 8 to 12 May"). */
  rangeEnd?: 'from' | 'to';
  /**
   * The value at the other end of a range that bounds one figure ("fined 40,000 to 200,000
   * yuan"): its two ends are no two things to relate. Not set for a change ("from 40 to 60").
   */
  rangeWith?: number;
  /**
   * The earlier level the text says this figure changed from ("raised from 2,000 to 5,000",
   * "5,200 ... was cut to 1,000"): the two are one thing before and after, which a claim's
   * multiple or change relates whatever words it uses.
   */
  changedFrom?: number;
  /** A count or sum said as a change ("down 18", "increased by 300"): a gap the text states. */
  change?: true;
  /** That change is a fall ("down 18", "lost three places"). */
  falls?: true;
  /**
   * One of a list the text pairs with another list by order ("A and B rose 4% and 9%
   * respectively"): which thing it is about is its place, not the words around it.
   */
  listed?: true;
  /**
   * Said of what is to come ("will reach 100 million", "expects to sell 5 million"): a plan,
   * forecast or target, which a figure already reached neither meets nor denies.
   */
  expected?: true;
  /** Said of the whole country ("the national average of 26,000 yuan"), not of one place in it. */
  national?: true;
  /** Percentage points: a gap between two percentages, never a percentage itself. */
  points?: true;
  /**
   * What a percentage is: a change ("up 12%", "a rise of 12%") or a share ("12% of", "made up
   * 12%"). A growth rate and a share of a total are different figures even with the same words.
   */
  role?: 'change' | 'share';
  /** The measure it is in ("kg", "ml", "s"), when the word after it is one: figures in different measures never compare. */
  measure?: string;
  /**
   * The year and the day (month*100+day) an amount is about, when its sentence says: the one
   * written right after it in its clause ("200 million by the end of 2016"), else the last one
   * before it ("In 2020 ... 70%, and by 2030 ... 75%"). `span` when that is a range of years
   * ("From 2019 to 2021, 3.5 million visitors"): the figure is for the whole span, no one year.
   */
  when?: { year?: number; date?: number; span?: [number, number] };
}

const MONTHS = [
  'jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec',
]; // prettier-ignore
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DATE_MD = new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g');
const DATE_DM = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b`, 'g');
/** Both date orders with the groups holding their month and day; "March 3" is read first. */
const DATE_FORMS: [RegExp, number, number][] = [
  [DATE_MD, 1, 2],
  [DATE_DM, 2, 1],
];
const NUMBER =
  /((?:US\$|HK\$|\$|¥|£|€|RMB)\s?)?(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w.]*\d)\s*(%|percent\b|per\s+cent\b)?([\s-]*(?:thousand|million|billion|trillion)\b|(?<=\d)(?:bn|tn|mn|m|k)\b)?/gi;
const WORD_NUMBERS: Record<string, number> = {
  zero: 0, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, dozen: 12, twenty: 20, thirty: 30, fifty: 50, hundred: 100,
  dozens: 24, hundreds: 200, thousands: 2000, millions: 2_000_000,
}; // prettier-ignore
const WORD_NUMBER = new RegExp(`\\b(${Object.keys(WORD_NUMBERS).join('|')}|one)\\b`, 'gi');
const PARTS: Record<string, number> = {
  half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, tenth: 10,
  tenths: 10,
}; // prettier-ignore
/**
 * "two-thirds", "a quarter", "half of": not periods ("the first three quarters", "the second
 * half", "half-year") nor mixed numbers ("one and a half").
 */
const FRACTION =
  /(?<!\b(?:first|second|third|last|past|next|final|and|the)\s+)\b(a|one|two|three|four|five|six|seven|eight|nine)[\s-]+(half|halves|thirds?|quarters?|fifths?|tenths?)\b(?![\s-]+(?:of\s+(?:a\s+year|(?:19|20)\d\d)|year(?![\s-]+on[\s-]+year)|month|day|hour|time)s?\b)/gi;
const HALF =
  /(?<!\b(?:a|first|second|last|past|next|final|the)[\s-]+)\bhalf\b(?![\s-]+(?:year|month|day|hour|time)s?\b)/gi;
/** "Halved", "halving" (not "halves", more often the noun). */
const HALVED = /\bhalv(?:ed|ing)\b/gi;
const REPORTING_PERIOD =
  /\b(?:first|last)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+(?:quarters|months)\b/gi;
/** A year written with the next one's last two digits ("2031-32", "2031/32"): one financial year. */
const FINANCIAL_YEAR = /\b((?:19|20)\d{2})\s*[-/–]\s*(\d{2})\b(?![-/.]\d)/g;
/** "1/7 of that of the capital": a share written as a fraction (not a date or a score). */
const SLASH_SHARE = /(?<![\d/.])\b(\d{1,2})\s*\/\s*(\d{1,2})\b(?![/.]\d)(?=\s+of\b)/g;
/** "nine in ten", "3 out of 4". */
const IN_EVERY =
  /\b(\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+(?!(?:19|20)\d\d\b)(\d+|ten|four|five|three)\b/gi;
const MULTIPLES: Record<string, number> = {
  twice: 2, double: 2, doubled: 2, doubles: 2, doubling: 2, thrice: 3, triple: 3, tripled: 3,
  triples: 3, tripling: 3, quadruple: 4, quadrupled: 4,
}; // prettier-ignore
const MULTIPLE = new RegExp(`\\b(${Object.keys(MULTIPLES).join('|')})\\b`, 'gi');
/** Verbs after which "N times" is a multiple ("grew three times"), not how often. */
const CHANGE_VERB = /\b(?:increased|grew|rose|expanded|multiplied|jumped|surged|soared)\s*$/i;
/** Words after "N times" that compare ("three times as many", "ten times the cost"). */
const COMPARED_AFTER =
  /^\s*(?:as|more|less|higher|lower|larger|bigger|greater|smaller|that|the|than|over|what|of|faster|slower|longer|its|their|his|her)\b/i;

/**
 * "Forwarded 18 times", "was searched 40 times": how often a thing was done (a count), after a
 * past participle, with no comparison after it.
 */
const countOfEvents = (text: string, start: number, end: number): boolean => {
  const before = text.slice(Math.max(0, start - 30), start);
  return (
    /\b[a-z]+ed\s*$/i.test(before) &&
    !CHANGE_VERB.test(before) &&
    !COMPARED_AFTER.test(text.slice(end, end + 20))
  );
};

/** "ten times", "5.6 times", "3-fold". */
const TIMES =
  /\b(\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)(\s+and\s+a\s+half)?(?:\s+times|[\s-]fold)\b/gi;
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10,
}; // prettier-ignore
const ORDINAL = `(${Object.keys(ORDINALS).join('|')}|\\d{1,2}(?:st|nd|rd|th))`;
const SUPERLATIVE =
  '(?:larg|bigg|high|low|fast|slow|small|strong|weak|rich|poor|old|young|great)est|most|least|best|worst|top';
/**
 * Places in an order: "ranking fourth", "came second", "the third largest". "The
 * first three quarters" and "the second half" are periods, not places; a bare "the largest" is
 * left alone (as often "one of the largest" or a manner of speaking as a place).
 */
const RANK_AFTER_VERB = new RegExp(
  `\\b(?:rank(?:s|ed|ing)?|placed?|placing|came|comes|finish(?:ed|es)?)\\s+(?:[A-Za-z]+\\.?\\s+){0,3}?${ORDINAL}\\b`,
  'gi',
);
/** The place a rank changed from: "third, up from eighth", "down from 3rd". */
const RANK_FROM = new RegExp(
  `\\b(?:up|down|rising|falling|climbing|dropping)\\s+from\\s+${ORDINAL}\\b`,
  'gi',
);
const RANK_SUPERLATIVE = new RegExp(`\\bthe\\s+${ORDINAL}[\\s-]+(?:${SUPERLATIVE})\\b`, 'gi');
/**
 * "The fastest growth of any province", "the largest in the country": first place, when the claim
 * says among what ("of any", "of all", "in the country", "nationwide"); "one of the largest" is no
 * place. Superlatives counted from the bottom ("the lowest") are left alone: texts rank from the top.
 */
const FIRST_OF_ALL =
  /(?<!\bone\s+of\s+)\bthe\s+((?:larg|bigg|high|fast|strong|rich|great)est|best)\b(?=[^,;.!?]{0,40}?\b(?:of\s+(?:any|all)|among\s+(?:all|the)|in\s+(?:the\s+)?(?:country|nation|world|province|city)|nationwide)\b)/gi;
const ordinalValue = (w: string): number => ORDINALS[w.toLowerCase()] ?? parseInt(w, 10);

/** "two to one", "3-to-1": a ratio said as a multiple. */
const TO_ONE =
  /\b(\d+(?:\.\d+)?|two|three|four|five|six|seven|eight|nine|ten)[\s-]+to[\s-]+(?:one|1)\b(?![.,]\d)/gi;
/** A numeral of a relation: digits, a number word, or "a"/"one" ("a third", "one in ten"). */
const smallValue = (w: string): number => {
  const word = w.toLowerCase();
  if (/^\d/.test(word)) return Number(word);
  return word === 'a' || word === 'one' ? 1 : (WORD_NUMBERS[word] ?? NaN);
};
const SCALE: Record<string, number> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12,
  k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, tn: 1e12,
}; // prettier-ignore
/** Short scales that are also units ("a 100m sprint", "5k run"): millions only of money. */
const MONEY_ONLY_SCALE = /^(?:m|mn|k)$/i;
const CURRENCY_AFTER =
  /^[\s-]*(yuan|dollars?|(?:us|u\.s\.|american|hong\s+kong)\s+dollars?|usd|rmb|euros?|pounds?)\b/i;
/**
 * "Yuan" written with a capital after a year is a name's rendering (沅 or 元 of a place, "2031
 * Yuan River"): the currency 元 reads "yuan".
 */
const NAMED_YUAN = /^[\s-]*Yuan\b/;
/** "20-plus", "20 odd": more than the figure (not "20 plus 5", a sum). */
const PLUS_AFTER = /^[\s-]*(?:plus|odd)\b(?![\s-]*\d)/i;
/** Bounds said of a count, not of a year ("more than 2000 people"). */
const COUNT_BOUND_BEFORE =
  /\b(?:more\s+than|fewer\s+than|less\s+than|over|about|around|nearly|almost|roughly|approximately|at\s+least|up\s+to)\s*$/i;
/** Words before a year ("since 2019 people have ..."). */
const TIME_BEFORE = /\b(?:in|since|by|from|until|till|before|after|during|of|to|through)\s*$/i;
/** Things a figure counts, after it ("2000 people"): no year. */
const COUNTED_AFTER =
  /^\s*(?:people|persons?|households?|residents?|workers?|employees?|staff|students?|teachers?|patients?|cases?|companies|firms|enterprises|vehicles|cars|buses|beds|jobs|units|villages|schools|stores|shops)\b/i;
/** "5 percentage points", "five points": a difference of two percentages. */
const POINTS_AFTER = /^\s*(percentage\s+points?|pct\.?\s+points?)\b/i;
const BOUND_BEFORE: [RegExp, Bound][] = [
  [
    /(more\s+than|over|above|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?|break\s+through|broke\s+through|at\s+least|upwards\s+of)\s*$/i,
    'gt',
  ],
  // "Added up to 155" is a total, not a ceiling.
  [
    /(less\s+than|fewer\s+than|under|below|(?<!\b(?:add|adds|added|adding|sum|sums|summed)\s+)up\s+to|within|at\s+most|as\s+(?:much|many)\s+as|(?:a\s+)?maximum\s+of)\s*$/i,
    'lt',
  ],
  [/(about|around|near|nearly|almost|approximately|roughly|some|close\s+to)\s*$/i, 'approx'],
];

/** Words of measure, by what they measure in: "kilograms" and "kg" are one measure. */
const MEASURES: Record<string, string> = Object.fromEntries(
  Object.entries({
    kg: ['kg', 'kgs', 'kilogram', 'kilograms', 'kilo', 'kilos'],
    g: ['gram', 'grams'],
    mg: ['mg', 'milligram', 'milligrams'],
    ug: ['microgram', 'micrograms', 'mcg', 'μg', 'ug'],
    t: ['ton', 'tons', 'tonne', 'tonnes'],
    ml: ['ml', 'milliliter', 'milliliters', 'millilitre', 'millilitres'],
    l: ['liter', 'liters', 'litre', 'litres'],
    s: ['second', 'seconds', 'sec', 'secs'],
    min: ['minute', 'minutes', 'mins'],
    h: ['hour', 'hours', 'hrs'],
    d: ['day', 'days'],
    wk: ['week', 'weeks'],
    mo: ['month', 'months'],
    yr: ['year', 'years'],
    km: ['km', 'kilometer', 'kilometers', 'kilometre', 'kilometres'],
    m: ['meter', 'meters', 'metre', 'metres'],
    cm: ['cm', 'centimeter', 'centimeters', 'centimetre', 'centimetres'],
    mm: ['mm', 'millimeter', 'millimeters', 'millimetre', 'millimetres'],
    mile: ['mile', 'miles'],
    ha: ['hectare', 'hectares'],
    sqm: ['sqm'],
    mu: ['mu'],
    kwh: ['kwh', 'kilowatt-hour', 'kilowatt-hours'],
    mwh: ['mwh', 'megawatt-hour', 'megawatt-hours'],
    gwh: ['gwh', 'gigawatt-hour', 'gigawatt-hours'],
    kw: ['kw', 'kilowatt', 'kilowatts'],
    mw: ['mw', 'megawatt', 'megawatts'],
    gw: ['gw', 'gigawatt', 'gigawatts'],
  }).flatMap(([measure, words]) => words.map((w) => [w, measure])),
);

/** Measures of time, which follow a year too ("2024 years ago" reads as a span elsewhere). */
const TIME_MEASURES = new Set(['s', 'min', 'h', 'd', 'wk', 'mo', 'yr']);
/** The word written right after a figure, hyphenated or not ("250-gram", "gigawatt-hours"). */
const UNIT_WORD = String.raw`([A-Za-z]+(?:-hours?)?)`;
const WORD_AFTER = new RegExp(String.raw`^[\s-]*${UNIT_WORD}`);
/** Whether the word right after a figure is a measure other than of time ("1980 GWh"). */
const inMeasure = (following: string): boolean => {
  const word = WORD_AFTER.exec(following)?.[1]?.toLowerCase() ?? '';
  const measure = MEASURES[word];
  return measure !== undefined && !TIME_MEASURES.has(measure);
};

/**
 * Whether a figure counts things ("40 bottles", "25 projects") rather than measuring them: such a
 * figure is never the same as one in a measure ("12 litres").
 */
export const countsThings = (q: Quantity): boolean =>
  !q.measure && /^[a-z]{3,}$/i.test(q.unit) && !STOPWORDS.has(q.unit.toLowerCase());

/** "8 milligrams of caffeine per kilogram": a rate, another measure than micrograms. */
const PER_AFTER = /^[\s-]*[A-Za-z]+\s+(?:of\s+[A-Za-z]+\s+)?(?:per\s+|\/\s*)([A-Za-z]+)/i;

/** The word after a figure past a "plus" or "odd" ("20-plus years"). */
const WRITTEN_AFTER = new RegExp(String.raw`^[\s+-]*(?:(?:plus|odd)[\s-]+)?${UNIT_WORD}`);
/** A gap's comparative and the word after it ("fewer hours"). */
const GAP_MEASURE = /^\s*(?:more|fewer|less|extra|additional)\s+([A-Za-z]+)/i;

function rateOf(after: string, measure: string | undefined): string | undefined {
  if (!measure) return undefined;
  const per = PER_AFTER.exec(after)?.[1]?.toLowerCase();
  if (!per) return measure;
  return `${measure}/${MEASURES[per] ?? per.replace(/s$/, '')}`;
}

/** Hedges between a change word and its figure ("rose by about", "fell more than"). */
const CHANGE_HEDGE = String.raw`\s+(?:(?:by|of|about|nearly|around|roughly|over|only|just|almost|more\s+than|less\s+than|at\s+least)\s+)*$`;
const CHANGE_BEFORE = new RegExp(
  String.raw`\b(?:increas(?:e|ed|es|ing)|rose|ris(?:e|en|es|ing)|gr[eo]w(?:th|n|s|ing)?|up|down|fell|fall(?:en|s|ing)?|dropp?(?:ed|s|ing)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|gain(?:ed|s)?|jump(?:ed|s)?|surg(?:e|ed|es)|slump(?:ed|s)?|plung(?:e|ed|es)|cut|reduc(?:e|ed|es|tion)|slash(?:ed|es)?|shr[aiu]nk|soar(?:ed|s)?|climb(?:ed|s)?|tumbl(?:e|ed|es)|rais(?:e|ed|es)|lift(?:ed|s)?|boost(?:ed|s)?|lessen|higher|lower)` +
    CHANGE_HEDGE,
  'i',
);
/** A Chinese comparison rendered word by word: 比东港多约30艘, "than Donggang many about 30". */
const MORE_RENDERED =
  /\bthan\b[^,;.]{0,40}?\b(?:many|few)\s+(?:go\s+out\s+)?(?:about\s+|nearly\s+)?$/i;
/** The change words of CHANGE_BEFORE that say a fall. */
const FALL_LEAD = new RegExp(
  String.raw`\b(?:down|fell|fall(?:en|s|ing)?|dropp?(?:ed|s|ing)?|declin\w*|decreas\w*|slump\w*|plung\w*|cut|reduc\w*|slash\w*|shr[aiu]nk|tumbl\w*|lessen|lower|lost|los(?:e|es|ing))` +
    CHANGE_HEDGE,
  'i',
);
const CHANGE_AFTER =
  /^\s*(?:(?:year|month|quarter|week)[\s-]on[\s-](?:year|month|quarter|week)|increase|rise|growth|jump|drop|decline|decrease|higher|lower|more|less|faster|slower|up\b|down\b|over\s+the\s+(?:same|previous)|compared\s+with|from\s+(?:a|the)\s+(?:year|month))/i;
const SHARE_BEFORE =
  /\b(?:account(?:ed|s|ing)?\s+for|ma(?:de|ke|kes|king)\s+up|constitut\w*|compris\w*|shares?\s+of|proportion\s+of|represent\w*|of\s+which)\s+(?:(?:about|nearly|around|roughly|over|only|just|almost|more\s+than|less\s+than|at\s+least)\s+)*$/i;
const SHARE_AFTER = /^\s*of\s+(?!the\s+same\b)/i;
/** "Up" or "down" alone before a figure: a change ("up 5%") or a verb's particle ("picked up"). */
const PARTICLE_BEFORE = new RegExp(String.raw`\b(?:up|down)` + CHANGE_HEDGE, 'i');

/** "Online orders, accounting for 55%": what a share is of stands before the comma. */
function shareLead(text: string, start: number, role: Quantity['role']): string[] {
  if (role !== 'share') return [];
  const lead = /,\s*(?:account|mak|represent|compris|constitut)[a-z]*\s+[a-z\s]{0,20}$/i.exec(
    text.slice(Math.max(0, start - 60), start),
  );
  return lead ? contextStems(text, start - (Math.min(start, 60) - lead.index), -1, 3) : [];
}

/** Whether a percentage is a change or a share, from the words around it. */
function percentRole(
  text: string,
  start: number,
  end: number,
  relation: Quantity['relation'],
): Pick<Quantity, 'role'> {
  if (relation === 'share') return { role: 'share' };
  const before = text.slice(Math.max(0, start - 40), start);
  const after = text.slice(end, end + 40);
  // "made up 20%" before "up 20%".
  if (SHARE_BEFORE.test(before)) return { role: 'share' };
  // "Picked up 92% of the calls", "took up 30% of the land": the verb's "up", and "of" a share.
  if (PARTICLE_BEFORE.test(before) && SHARE_AFTER.test(after)) return { role: 'share' };
  if (CHANGE_BEFORE.test(before) || CHANGE_AFTER.test(after)) return { role: 'change' };
  if (SHARE_AFTER.test(after)) return { role: 'share' };
  return {};
}

const NEXT_ITEM = /\b(?:and|while|whereas|but)\b/i;
const MONTH_WORD = new RegExp(`^${MONTH}$`, 'i');
/** Words that bound a figure ("less than five"): part of its own phrase, not a new item. */
const BOUND_WORD =
  /^(?:less|fewer|greater|higher|lower|least|nearly|almost|roughly|approximately|around|exceeding)$/i;
const contentWords = (s: string): string[] =>
  (s.match(/[A-Za-z]+/g) ?? []).filter(
    (w) =>
      !STOPWORDS.has(w.toLowerCase()) &&
      !MONTH_WORD.test(w) &&
      !BOUND_WORD.test(w) &&
      !(w.toLowerCase() in SCALE),
  );

const NUMBER_WORD = new RegExp(WORD_NUMBER.source, 'i');
/** "of the 90", "of Shenzhen's 1,200": the figure a share or relation is of. */
const OF_FIGURE = /\bof\s+(?:(?!and\b|while\b|but\b|whereas\b)[A-Za-z'’]+\s+){0,3}[\d.,]*\d/gi;

/**
 * The words of a clause that belong to a figure, the clause reaching from it towards side `dir`
 * up to punctuation or the next digit (`digitBeyond`): with another figure beyond, the item
 * beyond "and" ("and decided to charge 172") is that figure's.
 */
function ownStretch(clause: string, dir: 1 | -1, digitBeyond: boolean): string {
  const pieces = clause.split(NEXT_ITEM);
  if (pieces.length < 2) return clause;
  const near = dir === 1 ? pieces[0]! : pieces.at(-1)!;
  const far = dir === 1 ? pieces.slice(1).join(' ') : pieces.slice(0, -1).join(' ');
  if (!(digitBeyond || NUMBER_WORD.test(far))) return clause;
  // Before a figure, what precedes "and" is the other figure's ("340 rooms and 12 halls"); after
  // it, "and" leads to the other figure only when words of that figure's own follow (a figure
  // written as a word ends them as a digit does), not when they bound it ("between 5 and 9").
  if (dir === 1 && contentWords(far.split(NUMBER_WORD)[0]!).length === 0) return clause;
  return near;
}

/** Up to `n` content stems on one side of a span, stopping at punctuation or another digit. */
function contextStems(text: string, from: number, dir: 1 | -1, n: number): string[] {
  const piece = dir === 1 ? text.slice(from, from + 80) : text.slice(Math.max(0, from - 80), from);
  const parts = piece.split(/([,;:.()，。；\d])/);
  const digitBeyond = /\d/.test((dir === 1 ? parts[1] : parts.at(-2)) ?? '');
  // "5,120 trips than last year up 300" (a Chinese comparison's order): with another
  // figure beyond, what follows "than" is that figure's comparison, not this figure's words.
  const clause =
    dir === 1 ? (digitBeyond ? parts[0]!.split(/\bthan\b/i)[0]! : parts[0]!) : parts.at(-1)!;
  // With another figure beyond in the clause, only this figure's own item counts.
  const own = ownStretch(clause, dir, digitBeyond);
  const words = (own.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [])
    .flatMap((w) => w.split('-'))
    .map((w) => w.toLowerCase())
    .filter(
      (w) =>
        w.length > 1 &&
        !STOPWORDS.has(w) &&
        !(w in SCALE) &&
        // Hedges bound the figure ("around £2 billion"); they say nothing of what it counts.
        !/^(per|cent|percent|yuan|dollars?|around|roughly|approximately|nearly|almost)$/.test(w),
    )
    .map(stemWord);
  return dir === 1 ? words.slice(0, n) : words.slice(-n);
}

/** Stems of capitalised words in the clause around a span (not months). */
function contextNames(text: string, start: number, end: number): string[] {
  const before = text
    .slice(Math.max(0, start - 60), start)
    .split(/[,;:.()，。；]/)
    .pop()!;
  const after = text.slice(end, end + 60).split(/[,;:.()，。；]/)[0]!;
  // Capitalised words, and codes of letters and digits ("H5N1", "A320"), which name as much.
  return (`${before} ${after}`.match(/\b(?:[A-Z][a-z]+|[A-Z]+\d[A-Z\d]*)\b/g) ?? [])
    .filter((w) => !new RegExp(`^${MONTH}$`).test(w) && !STOPWORDS.has(w.toLowerCase()))
    .map((w) => stemWord(w.toLowerCase()));
}

/**
 * Words before a figure in its clause that make it one to come: a plan, forecast or target. Verbs
 * only, with the "to" or "that" they take ("plan", "project" and "target" are nouns too).
 */
const TO_COME_BEFORE =
  /\b(?:will|(?:expects?|expected|forecasts?|forecast|projected|predicted|estimated|scheduled|plans?|planned|aims?|intends?|is|are|set)\s+(?:to|that)\b)/i;
const TO_COME_AFTER = /^[^,;.:，。；]*\b(?:next\s+year|in\s+the\s+future)\b/i;

/** The words of a figure's clause before it. */
const clauseBefore = (text: string, start: number): string =>
  text
    .slice(Math.max(0, start - 80), start)
    .split(/[,;.:，。；]/)
    .pop()!;

const NATIONAL =
  /\b(?:national|nationwide|countrywide|whole\s+country|all\s+over\s+the\s+country)\b/i;

/** A negation right before a bound turns it round: "not more than 30", "shall not exceed 5". */
const NEGATED = /(?:\b(?:not|no|never)|n['’]t)\s+(?:be\s+|been\s+)?$/i;

function boundBefore(text: string, start: number): Bound {
  const before = text.slice(Math.max(0, start - 40), start);
  for (const [re, bound] of BOUND_BEFORE) {
    const m = re.exec(before);
    if (!m) continue;
    if (bound !== 'approx' && NEGATED.test(before.slice(0, m.index)))
      return bound === 'gt' ? 'lt' : 'gt';
    return bound;
  }
  return 'eq';
}

const MONTH_ALONE = new RegExp(
  `(\\b(?:[Ii]n|[Ss]ince|[Bb]y|[Ff]rom|[Uu]ntil|[Tt]ill|[Tt]o|[Dd]uring|[Ee]arly|[Mm]id|[Ll]ate|[Oo]f)[\\s-]+)?\\b${MONTH}\\b`,
  'g',
);

/** "December 31, 2011", "June, 2023", "June 2021": a year written after its month. */
const MONTH_BEFORE_YEAR = new RegExp(`${MONTH}\\s*(?:\\d{1,2}(?:st|nd|rd|th)?)?\\s*,?\\s*$`, 'i');

/**
 * The month a year is written after, as a context word of its own ("m:dec"): the punctuation of
 * "December 31, 2011" would otherwise leave the year no words, and a claim's "December 31, 2012"
 * could never be read against it.
 */
function monthOfYear(text: string, q: { kind: QuantityKind; start: number }): string[] {
  if (q.kind !== 'year') return [];
  const month = MONTH_BEFORE_YEAR.exec(text.slice(Math.max(0, q.start - 24), q.start))?.[1];
  return month ? [`m:${month.slice(0, 3).toLowerCase()}`] : [];
}

/** Every quantity in `text`: counts, percentages, money, dates (month*100+day) and years. */
export function extractQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  const taken: [number, number][] = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && a < e);
  const push = (
    q: Omit<Quantity, 'after' | 'before' | 'bound' | 'unit' | 'names'> & {
      bound?: Bound;
    },
  ) => {
    if (overlaps(q.start, q.end)) return;
    taken.push([q.start, q.end]);
    // "250-gram", "330 ml", "20+ years": the word right after it, hyphenated or not; past a
    // gap's comparative when a measure follows ("1,500 fewer hours" is in hours).
    const following = text.slice(q.end, q.end + 60);
    const written = WRITTEN_AFTER.exec(following)?.[1] ?? '';
    const measured = GAP_MEASURE.exec(following)?.[1] ?? '';
    const unit = MEASURES[measured.toLowerCase()] ? measured : written;
    // Only counts are in measures; "52,000 year-on-year" is not in years.
    const measure =
      q.kind === 'count' && !/^[\s+-]*([A-Za-z]+)[\s-]on[\s-]\1\b/i.test(following)
        ? rateOf(following, MEASURES[unit.toLowerCase()])
        : undefined;
    const role =
      q.kind === 'percent' && !q.points ? percentRole(text, q.start, q.end, q.relation) : {};
    const lead40 = text.slice(Math.max(0, q.start - 40), q.start);
    const change =
      (q.kind === 'count' || q.kind === 'money') &&
      (CHANGE_BEFORE.test(lead40) ||
        MORE_RENDERED.test(text.slice(Math.max(0, q.start - 80), q.start)));
    const falls = change && FALL_LEAD.test(lead40);
    // What a relation or share is of may follow a figure ("half of the 40 keepers", "30% of the
    // 90 tonnes"): read past the digits of that "of" phrase, not past the next item's figure
    // ("holds 80% of the shares and B holds 20%": the words before 20% are its own).
    const context =
      q.relation || role.role === 'share'
        ? text.replace(OF_FIGURE, (m) => m.replace(/\d/g, ' '))
        : text;
    const lead = clauseBefore(text, q.start);
    const expected = TO_COME_BEFORE.test(lead) || TO_COME_AFTER.test(text.slice(q.end, q.end + 60));
    const national = NATIONAL.test(lead);
    out.push({
      bound: boundBefore(text, q.start),
      ...q,
      after: contextStems(context, q.end, 1, 5),
      before: [
        ...shareLead(text, q.start, role.role),
        ...monthOfYear(text, q),
        ...contextStems(text, q.start, -1, 3),
      ],
      unit,
      names: contextNames(text, q.start, q.end),
      ...(measure ? { measure } : {}),
      ...(expected ? { expected } : {}),
      ...(national ? { national } : {}),
      ...(change ? { change } : {}),
      ...(falls ? { falls } : {}),
      ...role,
    });
  };
  // "The first three quarters", "the last two months": a reporting period names when, like a
  // date, not an amount (every figure of a quarterly report would match its "three").
  for (const m of text.matchAll(REPORTING_PERIOD)) taken.push([m.index, m.index + m[0].length]);
  // A financial year's second half is no count ("2031-32" has no 32 of anything) but the year it
  // ends in: its two years are a span, as "from 2031 to 2032" is ("March 2032" falls in it).
  for (const m of text.matchAll(FINANCIAL_YEAR))
    if (Number(m[2]) === (Number(m[1]) + 1) % 100) {
      const end = m.index + m[0].length;
      push({ value: Number(m[1]) + 1, kind: 'year', raw: m[2]!, start: end - m[2]!.length, end });
    }
  // Relations first: their words would otherwise be read as plain counts ("nine in ten").
  const relation = (
    m: RegExpMatchArray & { index: number },
    value: number,
    rel: 'share' | 'multiple',
  ) => {
    if (!Number.isFinite(value) || value <= 0) return;
    const bound = boundBefore(text, m.index);
    push({
      value,
      kind: rel === 'share' ? 'percent' : 'count',
      raw: m[0],
      start: m.index,
      end: m.index + m[0].length,
      // A relation in words is a round figure: "half" is satisfied by 46%.
      bound: bound === 'eq' ? 'approx' : bound,
      relation: rel,
    });
  };
  for (const m of text.matchAll(IN_EVERY)) {
    // "Nine in ten" is a share; "340 in 400" too, but "12 in 5" is no share of anything.
    if (smallValue(m[1]!) > smallValue(m[2]!)) continue;
    relation(m, (smallValue(m[1]!) / smallValue(m[2]!)) * 100, 'share');
  }
  for (const m of text.matchAll(SLASH_SHARE)) {
    relation(m, (Number(m[1]) / Number(m[2])) * 100, 'share');
  }
  for (const m of text.matchAll(FRACTION)) {
    relation(m, (smallValue(m[1]!) / PARTS[m[2]!.toLowerCase()]!) * 100, 'share');
  }
  for (const m of text.matchAll(HALF)) relation(m, 50, 'share');
  // "Halved": now half of what it was.
  for (const m of text.matchAll(HALVED)) relation(m, 50, 'share');
  for (const m of text.matchAll(TIMES))
    if (!countOfEvents(text, m.index, m.index + m[0].length))
      relation(m, smallValue(m[1]!) + (m[2] ? 0.5 : 0), 'multiple');
  // Ranks before counts: "ranking fourth" is not 4 of anything.
  for (const re of [RANK_AFTER_VERB, RANK_FROM, RANK_SUPERLATIVE, FIRST_OF_ALL]) {
    for (const m of text.matchAll(re)) {
      const word = m[1]!;
      // The figure starts at the ordinal, so the verb and what precedes it are its context.
      const at = m.index + m[0].lastIndexOf(word);
      push({
        value: re === FIRST_OF_ALL ? 1 : ordinalValue(word),
        kind: 'rank',
        raw: word,
        start: at,
        end: at + word.length,
        bound: 'eq',
      });
    }
  }
  for (const m of text.matchAll(TO_ONE)) relation(m, smallValue(m[1]!), 'multiple');
  for (const m of text.matchAll(MULTIPLE)) {
    relation(m, MULTIPLES[m[1]!.toLowerCase()]!, 'multiple');
  }
  const monthOf = (m: string) => MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;
  for (const [re, monthGroup, dayGroup] of DATE_FORMS) {
    for (const m of text.matchAll(re)) {
      push({
        value: monthOf(m[monthGroup]!) * 100 + Number(m[dayGroup]),
        kind: 'date',
        raw: m[0],
        start: m.index,
        end: m.index + m[0].length,
        bound: 'eq',
      });
    }
  }
  // A month alone ("in mid-August", "since March") is a date of day 0: it holds every day of it.
  for (const m of text.matchAll(MONTH_ALONE)) {
    const month = m[2]!;
    if (/^May$/.test(month) && !m[1]) continue; // "May" alone is as likely the verb.
    const at = m.index + m[0].length - month.length;
    push({
      value: monthOf(month) * 100,
      kind: 'date',
      raw: month,
      start: at,
      end: at + month.length,
      bound: 'eq',
    });
  }
  // End of the last version read: "versions 2.5 and 3.0" lists two.
  let versionEnd = -1;
  for (const m of text.matchAll(NUMBER)) {
    const [whole, currency, intPart, frac, pct, written] = m;
    // "£270m" is 270 million; "a 100m sprint" is metres, a figure with its unit.
    const unitLike = written !== undefined && !currency && MONEY_ONLY_SCALE.test(written);
    const raw = unitLike ? whole.slice(0, -written.length) : whole;
    const scaleWord = unitLike ? undefined : written;
    // "the 13th plan", "its 149th meeting": an ordinal names a place in a series, not an amount.
    if (!pct && !scaleWord && /^(st|nd|rd|th)\b/i.test(text.slice(m.index + raw.length))) continue;
    let value = Number(intPart!.replace(/,/g, '') + (frac ?? ''));
    if (scaleWord) value *= SCALE[scaleWord.replace(/^[\s-]+/, '').toLowerCase()]!;
    const end = m.index + raw.trimEnd().length;
    // "More than 2000 people" counts: a bound before it or things after it make it no year.
    const isYear =
      !currency &&
      !pct &&
      !scaleWord &&
      !frac &&
      /^(19|20)\d\d$/.test(intPart!) &&
      !COUNT_BOUND_BEFORE.test(text.slice(Math.max(0, m.index - 20), m.index)) &&
      // "1980 GWh", "2040 tonnes": a year is in no measure but time.
      !inMeasure(text.slice(end, end + 20)) &&
      !(
        COUNTED_AFTER.test(text.slice(end, end + 20)) &&
        !TIME_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))
      );
    // "COVID-19", "GPT-4", "CodeBot 1.0", "version 2.0": names and versions, not amounts.
    const lead = text.slice(Math.max(0, m.index - 12), m.index);
    // A scale or a percent makes it an amount ("Norrland 6.32 trillion"), whatever precedes it.
    const isLabel =
      !currency &&
      !pct &&
      !scaleWord &&
      (/[A-Za-z]-$/.test(lead) ||
        // "Decree No. 12", "#8": a number that names, not one that counts.
        /(?:\bNo\.?|#)\s*$/.test(lead) ||
        (frac !== undefined &&
          (/([A-Za-z]*[A-Z][A-Za-z]*|versions?|V)\s*$/.test(lead) ||
            (versionEnd >= 0 &&
              /^\s*(?:,|and|or|to|,\s*and)\s*$/.test(text.slice(versionEnd, m.index))))));
    if (isLabel) versionEnd = end;
    const points = !pct && POINTS_AFTER.test(text.slice(end));
    const kind: QuantityKind = isLabel
      ? 'version'
      : pct || points
        ? 'percent'
        : currency ||
            (CURRENCY_AFTER.test(text.slice(end)) && !(isYear && NAMED_YUAN.test(text.slice(end))))
          ? 'money'
          : isYear
            ? 'year'
            : 'count';
    push({
      value,
      kind,
      raw: raw.trimEnd(),
      start: m.index,
      end,
      // "20+ years", "a 20-plus-year career", "20-odd staff" are more than 20.
      ...(text[end] === '+' || PLUS_AFTER.test(text.slice(end)) ? { bound: 'gt' as const } : {}),
      ...(points && kind === 'percent' ? { points: true as const } : {}),
    });
  }
  for (const m of text.matchAll(WORD_NUMBER)) {
    const word = m[1]!.toLowerCase();
    // "the Five-Year Plan", "Two-Sessions": a number inside a capitalised name.
    if (/^-[A-Z]/.test(text.slice(m.index + m[0].length))) continue;
    // "one" is a number only before a noun it counts ("one case"), not in "one of" or "no one".
    if (
      word === 'one' &&
      !/^\s+(case|person|people|patient|death|child|time|day|year|of\s+them)\b/i.test(
        text.slice(m.index + 3),
      )
    )
      continue;
    const value = word === 'one' ? 1 : WORD_NUMBERS[word]!;
    const vague = /s$/.test(word) && word !== 'dozens' ? 'gt' : undefined;
    const points = POINTS_AFTER.test(text.slice(m.index + m[0].length));
    push({
      value,
      kind: points ? 'percent' : 'count',
      ...(points ? { points: true as const } : {}),
      raw: m[0],
      start: m.index,
      end: m.index + m[0].length,
      ...(vague ? { bound: vague } : {}),
    });
  }
  // "no newly imported cases" states a zero count.
  for (const m of text.matchAll(/\bno\s+(?!matter|longer|more|less|doubt|one\b)(?=[a-z])/gi)) {
    push({ value: 0, kind: 'count', raw: m[0].trim(), start: m.index, end: m.index + 2 });
  }
  return withTimes(
    text,
    listedByOrder(
      text,
      withEarlierLevels(
        text,
        withChanges(
          text,
          withRangeUnits(
            text,
            out.sort((a, b) => a.start - b.start),
          ),
        ),
      ),
    ),
  );
}

/** Between an amount and a time written after it in the same clause: no clause mark or coordinator. */
const SAME_CLAUSE_AFTER = /^[^,;:.!?，；：。！？]{0,40}$/;
// "than 2020" names the base of a comparison, not the period of the figure before it.
const COORDINATOR = /\b(?:and|but|while|whereas|compared|against|versus|from|than)\b|和|而|比/i;

/** "compared with 287", "against 3.1 million": a figure given as the base of a comparison. */
const COMPARED_BEFORE = /\b(?:compared\s+(?:with|to)|against|versus)\s+(?:the\s+)?$/i;
/** The base's figures and words up to its period: one clause, a little longer than one figure's. */
const BASE_AFTER = /^[^,;:.!?，；：。！？]{0,80}$/;
/** Words that end a comparison's base: another comparison or a contrast. */
const BASE_ENDS = /\b(?:than|while|whereas|but|compared|against|versus)\b/i;

/** Each amount's year and day (see `Quantity.when`); points in time and versions have none. */
function withTimes(text: string, qs: Quantity[]): Quantity[] {
  const points = qs.filter((q) => !q.rangeEnd);
  // A range of years ("from 2019 to 2021") is one time, the span between its ends.
  const spans = qs.flatMap((q, i) => {
    const to = qs[i + 1];
    return q.kind === 'year' && q.rangeEnd === 'from' && to?.kind === 'year' && to.rangeEnd === 'to'
      ? [
          {
            start: q.start,
            end: to.end,
            value: q.value,
            span: [q.value, to.value] as [number, number],
          },
        ]
      : [];
  });
  const years = [...points.filter((q) => q.kind === 'year'), ...spans].sort(
    (a, b) => a.start - b.start,
  );
  // A month alone ties a figure to the whole month: "On July 7 the maker reported June, and sold
  // 40 boats that month" is June's figure, not July 7's.
  const days = points.filter((q) => q.kind === 'date');
  if (years.length === 0 && days.length === 0) return qs;
  type Time = Pick<Quantity, 'start' | 'end' | 'value'> & { span?: [number, number] };
  const anchor = (q: Quantity, ofKind: Time[]): Time | undefined => {
    // The base of a comparison is one period's, its figures listed before that period ("412
    // cases, compared with 287 cases and fines of 1.94 million yuan in 2022").
    const base = COMPARED_BEFORE.test(text.slice(Math.max(0, q.start - 30), q.start));
    const after = ofKind.find((t) => {
      if (t.start < q.end) return false;
      const between = text.slice(q.end, t.start);
      if (SAME_CLAUSE_AFTER.test(between) && !COORDINATOR.test(between)) return true;
      return (
        base && BASE_AFTER.test(between.replace(/(\d)\.(\d)/g, '$1$2')) && !BASE_ENDS.test(between)
      );
    });
    return after ?? ofKind.filter((t) => t.end <= q.start).pop();
  };
  return qs.map((q) => {
    if (!isAmount(q) || q.kind === 'version') return q;
    const year = anchor(q, years);
    const date = anchor(q, days)?.value;
    if (year === undefined && date === undefined) return q;
    return {
      ...q,
      when: {
        ...(year?.span ? { span: year.span } : year !== undefined ? { year: year.value } : {}),
        ...(date !== undefined ? { date } : {}),
      },
    };
  });
}

/** A capitalised name of one or more words ("Beijing", "Port of Hull"). */
const NAME_ITEM = "[A-Z][\\w.'’-]*(?:\\s+(?:of\\s+)?[A-Z][\\w.'’-]*)*";
/** Between two figures of one list: "52 and 8", "4%, 6% and 9%", "12 cases and 3 cases". */
const LIST_JOIN = /^\s*(?:[A-Za-z%]+\s+){0,2}(?:,\s*(?:and\s+)?|and\s+)$/;
/** A list of names: "A, B and C". */
const NAME_LIST = new RegExp(
  `${NAME_ITEM}(?:\\s*,\\s*${NAME_ITEM})*\\s*,?\\s+and\\s+${NAME_ITEM}`,
  'g',
);

/**
 * Marks the figures of a clause that ends "... respectively": paired with their things by order.
 * When the clause lists as many names as figures ("52 and 8 in Northport and Eastvale
 * respectively"), each figure takes its own name, and only it, as what it is about.
 */
function listedByOrder(text: string, qs: Quantity[]): Quantity[] {
  for (const m of text.matchAll(/\brespectively\b/gi)) {
    const clauseStart = Math.max(
      0,
      ...[...text.slice(0, m.index).matchAll(/[.;!?。；]\s/g)].map((x) => x.index + 1),
    );
    // The run of figures joined by "and" or commas nearest before "respectively".
    const inClause = qs.filter((q) => q.start >= clauseStart && q.end <= m.index && !q.relation);
    const amounts: Quantity[] = [];
    for (let i = inClause.length - 1; i >= 0; i--) {
      const q = inClause[i]!;
      const next = amounts[0];
      if (next && !LIST_JOIN.test(text.slice(q.end, next.start))) break;
      amounts.unshift(q);
    }
    for (const q of amounts) q.listed = true;
    const clause = text.slice(clauseStart, m.index);
    const lists = [...clause.matchAll(NAME_LIST)]
      .map((l) => l[0].split(/\s*,\s*(?:and\s+)?|\s+and\s+/).filter((x) => x.length > 0))
      .filter((items) => items.length === amounts.length && items.length >= 2);
    if (lists.length !== 1) continue;
    const stemsOf = (item: string) =>
      (item.match(/[A-Za-z][A-Za-z'’-]*/g) ?? [])
        .map((w) => w.toLowerCase())
        .filter((w) => !STOPWORDS.has(w))
        .map(stemWord);
    const all = new Set(lists[0]!.flatMap(stemsOf));
    amounts.forEach((q, i) => {
      const own = stemsOf(lists[0]![i]!);
      q.names = [...q.names.filter((n) => !all.has(n)), ...own];
      q.before = [...q.before.filter((w) => !all.has(w)), ...own];
      q.after = q.after.filter((w) => !all.has(w));
    });
  }
  return qs;
}

const RANGE_JOIN = /^\s*(?:to|until|through|till|-|–|—|~|～|至|到)\s*$/i;
/**
 * A change said with its periods ("from 12% in 2030 to 20% in 2035"), a span of days with their
 * years ("from May 1, 2019 to June 30, 2020").
 */
const DATED_JOIN =
  /^\s*(?:(?:in|by|at\s+the\s+end\s+of)\s+\S+|,?\s*(?:19|20)\d\d,?)\s+(?:to|until|till)\s*$/i;

/** "between 10,000 yuan and 50,000 yuan", "from 3 km to 5 km": a range said as one, its unit at both ends. */
const OPENED_RANGE = /\b(?:between|from)\s*$/i;
const OPENED_JOIN = /^\s*(?:\p{L}+\s+)?(?:and|to)\s*$/iu;
/** Between a floor and its ceiling: the floor's unit, "but" or "and", the ceiling's bound words. */
const BOUNDED_JOIN = /^\s*(?:\p{L}+\s+)?(?:,\s*)?(?:but|and)\s[^,;.]{0,25}$/iu;
/** A range opened by "from" is a change ("rose from 40 to 60"), not bounds of one figure. */
const FROM_BEFORE = /\bfrom\s*$/i;
/** "from", "from the current": a change's earlier level follows. */
const LEVEL_FROM =
  /\bfrom\s+(?:(?:the|its|their)\s+)?(?:(?:current|present|original|previous|existing|initial)\s+)?$/i;
/** Whether a figure is the level a change starts from ("raised from the current 2,000"). */
const isLevelFrom = (text: string, q: Quantity): boolean =>
  LEVEL_FROM.test(text.slice(Math.max(0, q.start - 40), q.start));
/** The few characters before a figure, where "from" or "between" opens its range. */
const justBefore = (text: string, q: Quantity): string =>
  text.slice(Math.max(0, q.start - 8), q.start);

/** The other end of a range that starts at `qs[i]`, if any. */
function rangePartner(text: string, qs: Quantity[], i: number): Quantity | undefined {
  const [q, next, after] = [qs[i]!, qs[i + 1], qs[i + 2]];
  if (next && RANGE_JOIN.test(text.slice(q.end, next.start))) return next;
  // "2031/32": a financial year, its opening and closing years.
  const financial =
    next?.kind === 'year' &&
    q.kind === 'year' &&
    next.value === q.value + 1 &&
    next.raw.length === 2;
  if (financial && /^\s*\/\s*$/.test(text.slice(q.end, next.start))) return next;
  const opened =
    next !== undefined &&
    OPENED_RANGE.test(justBefore(text, q)) &&
    OPENED_JOIN.test(text.slice(q.end, next.start));
  if (opened) return next;
  // "not less than 40,000 yuan but not more than 200,000 yuan": a floor and a ceiling side by
  // side bound one figure between them.
  const bounded =
    next !== undefined &&
    q.bound === 'gt' &&
    next.bound === 'lt' &&
    q.value < next.value &&
    BOUNDED_JOIN.test(text.slice(q.end, next.start));
  if (bounded) return next;
  const dated =
    next !== undefined &&
    after !== undefined &&
    (next.kind === 'year' || next.kind === 'date') &&
    after.kind === q.kind &&
    FROM_BEFORE.test(justBefore(text, q)) &&
    DATED_JOIN.test(text.slice(q.end, after.start));
  return dated ? after : undefined;
}

/**
 * `later` as the level `earlier` changed to. It is a level of the same thing, which the text
 * names once, before the earlier one ("the number of rooms will rise from 9 to 14").
 */
function laterLevel(later: Quantity, earlier: Quantity): void {
  later.changedFrom = earlier.value;
  if (later.before.length === 0) later.before = earlier.before;
}

/**
 * Ranges: "from January 8 to March 2", "10,000 to 50,000 yuan". Each end knows it is one (ends
 * are compared with the ends of a range in the text), and the unit written after the second
 * figure is the first's too.
 */
function withRangeUnits(text: string, qs: Quantity[]): Quantity[] {
  const out = qs.map((q) => ({ ...q }));
  for (let i = 0; i + 1 < out.length; i++) {
    const q = out[i]!;
    const next = rangePartner(text, out, i);
    if (!next || q.relation || next.relation) continue;
    if (q.kind === 'count' && (next.kind === 'money' || next.kind === 'percent'))
      Object.assign(q, { kind: next.kind, after: next.after, unit: next.unit });
    if (!q.measure && next.measure) q.measure = next.measure;
    if (q.kind !== next.kind) continue;
    q.rangeEnd = 'from';
    next.rangeEnd = 'to';
    // "Raised from 40,000 to 50,000 yuan" is a change, its two ends what a rise relates; "40,000
    // to 50,000 yuan", "between ... and", a floor and a ceiling bound one figure.
    if (isLevelFrom(text, q)) {
      laterLevel(next, q);
      continue;
    }
    q.rangeWith = next.value;
    next.rangeWith = q.value;
  }
  return out;
}

/**
 * At most `most` words of a level's own (noun, place, time: "staff in 2024") from the start of a
 * text. Each word but the last ends at a space: one way only to split a run of letters (a Chinese
 * sentence has no spaces), so no run is tried every way.
 */
const levelWords = (most: number): string =>
  String.raw`^\s*(?:[\p{L}\d'’/-]+\s+){0,${most}}?(?:[\p{L}\d'’/-]+\s*)?`;
/** Between a change's earlier level and "to" its later one: the level's unit and time. */
const LEVEL_TO = new RegExp(String.raw`${levelWords(6)},?\s*to\s*$`, 'iu');
/** A verb of change, in any of its forms ("reduced", "cuts", "went up"). */
const CHANGE_VERBS = String.raw`(?:(?:reduc|cut|lower|rais|increas|lift|boost|drop|fell|fall|rose|risen|rise|grew|grow|climb|slash|decreas|declin|expand|shr[aiu]nk|jump|soar|plung|tumbl|slipp|slid|sank|improv|widen|narrow|swung)\w*|went\s+(?:up|down))`;
/** A change verb and its "to" right before a figure: "... was greatly reduced to 1,000". */
const CHANGED_TO = new RegExp(
  String.raw`^[^.;!?。；！？]{0,100}\b${CHANGE_VERBS}\s+(?:[a-z]+\s+){0,2}?to\s*$`,
  'i',
);

/**
 * A figure the text says another one changed to, later in its sentence ("originally 5,200 by 2020,
 * now reduced to 1,000"): the later one knows the earlier (see `Quantity.changedFrom`). Times
 * between the two leave them a pair.
 */
function withChanges(text: string, qs: Quantity[]): Quantity[] {
  for (let i = 0; i < qs.length; i++) {
    const q = qs[i]!;
    if (!isAmount(q) || q.relation || q.rangeEnd) continue;
    const next = qs.slice(i + 1).find((x) => isAmount(x));
    if (!next || next.kind !== q.kind || next.relation || next.changedFrom !== undefined) continue;
    const between = text.slice(q.end, next.start);
    // "raised from the current 2,000 yuan to 5,000 yuan": a unit between the levels, or the
    // level's time ("from 72 km at the end of 2022 to 110 km").
    const fromTo = isLevelFrom(text, q) && LEVEL_TO.test(between);
    // "fell to 3,100 from 3,870, while poles rose to 420": a level told as another's earlier one
    // is not the next one's.
    const prev = qs[i - 1];
    const earlierOfPrev =
      prev !== undefined && prev.kind === q.kind && toldAsEarlier(text, prev, q);
    if (fromTo || (CHANGED_TO.test(between) && !earlierOfPrev)) laterLevel(next, q);
  }
  return qs;
}

/** A level's own words before the comma that ends its clause. */
const LEVEL_WORDS = levelWords(12);
/** A figure said between two levels ("down 3.7% from", "an increase of 271 over"). */
const MIDDLE_FIGURE = String.raw`(?:by\s+)?\S+(?:\s+(?:percentage\s+)?points?)?\s+`;
/** Between a level and the one it changed from, told after it: ", up from", ", down 3.7% from". */
const UP_FROM = new RegExp(
  String.raw`${LEVEL_WORDS},\s*(?:(?:up|down|rising|falling|increasing|decreasing)\s+(?:${MIDDLE_FIGURE})?)?from\s+(?:(?:the|its|their)\s+)?$`,
  'iu',
);
/** ", an increase of 271 over", ", a fall of 12% from": the change and then the level before it. */
const CHANGE_OF_FROM = new RegExp(
  String.raw`${LEVEL_WORDS},\s*(?:an?\s+)?(?:increase|rise|fall|decrease|drop|decline|jump|growth|gain|reduction)\s+of\s+${MIDDLE_FIGURE}(?:from|over|on)\s+(?:(?:the|its|their)\s+)?$`,
  'iu',
);
/** ", compared with", ", against": an earlier level when a time follows it ("a year earlier"). */
const COMPARED_WITH = new RegExp(
  String.raw`${LEVEL_WORDS},\s*(?:compared\s+(?:with|to)|against|versus)\s+(?:(?:the|its|their|an?)\s+)?(?:average\s+of\s+)?$`,
  'iu',
);
const EARLIER_TIME =
  /^[^.;!?]{0,50}?(?:\b(?:19|20)\d\d\b|\b(?:a\s+year\s+(?:earlier|before|ago)|earlier|(?:the\s+)?(?:previous|prior|preceding|last)\s+(?:year|season|quarter|month|week))\b)/i;
/**
 * After a level, the one before it in a Chinese sentence's English reading: 较上年的 "compare last
 * year", 比2023年的 "than 2023", ，上年为 "last year", also past the change between them
 * (，同比增长4.5%，上年为 "year-on-year grow 4.5% last year").
 */
const EARLIER_READ =
  /^\s*(?:\p{L}+\s+){0,2}?,?\s*(?:(?:year-on-year\s+)?(?:grow|growth|increase|rise|decline|decrease|drop|fall|down|up)\s+[\d.]+%\s*,?\s*)?(?:(?:compare|than)\s+(?:last\s+year|(?:the\s+)?same\s+period(?:\s+last\s+year)?|(?:19|20)\d\d)|last\s+year(?:\s+same\s+period)?)\s*$/iu;
/** A change verb and its "to" right before a level ("rose to 1,400"): a "from" after it ... */
const CHANGED_TO_HERE = new RegExp(String.raw`\b${CHANGE_VERBS}\s+(?:\p{L}+\s+)?to\s*$`, 'iu');
/** ... then names the level it changed from, without a comma ("rose to 1,400 from 1,250"). */
const THEN_FROM = new RegExp(
  String.raw`${LEVEL_WORDS},?\s*from\s+(?:(?:the|its|their)\s+)?$`,
  'iu',
);

/** Whether the text between two figures of one kind makes the second the first's earlier level. */
function toldAsEarlier(text: string, q: Quantity, e: Quantity): boolean {
  const between = text.slice(q.end, e.start);
  if (UP_FROM.test(between) || CHANGE_OF_FROM.test(between) || EARLIER_READ.test(between))
    return true;
  if (
    CHANGED_TO_HERE.test(text.slice(Math.max(0, q.start - 40), q.start)) &&
    THEN_FROM.test(between)
  )
    return true;
  return COMPARED_WITH.test(between) && EARLIER_TIME.test(text.slice(e.end, e.end + 60));
}

/**
 * "reached 1,400, up from 1,250 tickets", "rose to 1,400 from 1,250", "1,400, an increase of 150
 * over 1,250", "1,400, compared with 1,250 a year earlier": the figure after is the level before
 * the change, and the measure written at one of the two is the other's too (both tickets, not
 * 1,400 of something). A year or day between them is the level's time, not a level; a figure of
 * another kind between them is the change.
 */
function withEarlierLevels(text: string, qs: Quantity[]): Quantity[] {
  for (let i = 0; i + 1 < qs.length; i++) {
    const q = qs[i]!;
    if (!isAmount(q) || q.relation || q.rangeEnd || q.changedFrom !== undefined) continue;
    // The change may be of the levels' kind ("an increase of 150 over 1,250"): two to try.
    const next = qs
      .slice(i + 1)
      .filter((x) => x.kind === q.kind)
      .slice(0, 2)
      .find((x) => !x.relation && !x.rangeEnd && toldAsEarlier(text, q, x));
    if (!next) continue;
    q.changedFrom = next.value;
    if (!q.measure && next.measure) q.measure = next.measure;
    if (!next.measure && q.measure) next.measure = q.measure;
  }
  return qs;
}

// One formatter: toLocaleString builds a new one on every call, slow next to the arithmetic.
const FIGURE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
/** A figure as answers show it in a computation: "1,553.2". */
export const formatFigure = (v: number): string => FIGURE.format(v);
