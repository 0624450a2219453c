import { comparable } from '../numbers/figures.js';
import { extractQuantities, isAmount, type Quantity } from '../numbers/quantity.js';
import { STOPWORDS, stemWord } from '../text/terms.js';
import { sameParty } from './roles.js';

/** Comparative words by direction: "more" raises its subject over the other side, "less" lowers it. */
const UP = new Set([
  'more', 'higher', 'faster', 'larger', 'bigger', 'greater', 'better', 'wider', 'longer',
  'stronger', 'richer', 'older', 'later', 'above', 'ahead', 'surpassed', 'surpasses', 'overtook',
  'outpaced', 'exceeded', 'exceeds', 'outnumbered', 'beat',
]); // prettier-ignore
const DOWN = new Set([
  'less', 'fewer', 'lower', 'slower', 'smaller', 'worse', 'narrower', 'shorter', 'weaker',
  'poorer', 'younger', 'earlier', 'below', 'behind', 'trailed', 'lagged',
]); // prettier-ignore
/** Words after which the other side follows: "faster than X", "surpassed X", "ahead of X". */
const THAN = new Set(['than', 'of']);

/** One side compared with another: who is above whom. */
export interface Comparison {
  /** Content stems said of the side that comes out higher. */
  higher: Set<string>;
  /** Content stems said of the side that comes out lower. */
  lower: Set<string>;
  /**
   * Words between the comparative and "than", of the first-named side when they name what is
   * counted ("more confirmed cases than infections"), of neither when they qualify ("grew faster
   * in real terms than B").
   */
  middle: Set<string>;
  /** Whether the first-named side comes out higher. */
  firstHigher: boolean;
}

/** Content words read after the comparative: the other side is named right there. */
const SIDE = 3;
/** A figure in digits or words ("more than 200", "more than five times"). */
const FIGURE_START =
  '(?:\\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|a\\s+(?:third|quarter|half|dozen)|half|twice|double)\\b)';
/** Words after a comparative within which its "than" may come. */
const REACH = 4;

/** Words of when and how often, on both sides of most comparisons ("in the first three quarters"). */
const PERIOD =
  /^(first|second|third|last|time|times|years?|quarters?|months?|half|one|two|three|four|period|percentage|points?|percent|january|february|march|april|may|june|july|august|september|october|november|december)$/;

const stems = (words: string[]): Set<string> =>
  new Set(
    words
      .filter(
        (w) => w.length > 1 && !STOPWORDS.has(w) && !UP.has(w) && !DOWN.has(w) && !PERIOD.test(w),
      )
      .flatMap((w) => w.split('-'))
      .filter((w) => w.length > 1)
      .map(stemWord),
  );

/**
 * The comparisons a text states, each with the words of its two sides: "A grew faster than B"
 * puts A above B; "B trailed A" the same. Sides are the clause's content words before the
 * comparative and the few after it (past "than").
 */
export function comparisons(text: string): Comparison[] {
  const out: Comparison[] = [];
  // A decimal point ("2.5 points faster") does not end a clause.
  for (const clause of text.toLowerCase().split(/[,;:!?，。；：！？()]|\.(?!\d)/)) {
    const words = clause.match(/[a-z][a-z'’-]*/g) ?? [];
    words.forEach((w, i) => {
      const up = UP.has(w);
      if (!up && !DOWN.has(w)) return;
      // "Than" may come a few words on ("grew faster in real terms than B"); those words belong
      // to neither side.
      let k = i + 1;
      while (k < words.length && k <= i + REACH && !THAN.has(words[k]!)) k++;
      const after = THAN.has(words[k] ?? '') ? k + 1 : i + 1;
      // "more than 200": a bound on a figure, not two sides.
      if (new RegExp(`\\b${w}\\s+(?:(?:than|of)\\s+)?${FIGURE_START}`).test(clause)) return;
      // The word right before the comparative is most often a verb both sides share ("A handled
      // fewer parcels than B"), not a word of the first side alone.
      const trimmed = stems(words.slice(0, Math.max(0, i - 1)));
      const left = trimmed.size > 0 ? trimmed : stems(words.slice(0, i));
      // The other side is named by the first content words after "than" ("than that of B").
      const right = new Set([...stems(words.slice(after))].slice(0, SIDE));
      if (left.size === 0 || right.size === 0) return;
      const middle = stems(words.slice(i + 1, after > i + 1 ? after - 1 : i + 1));
      out.push(
        up
          ? { higher: left, lower: right, middle, firstHigher: true }
          : { higher: right, lower: left, middle, firstHigher: false },
      );
    });
  }
  return out;
}

const common = (a: Set<string>, b: Set<string>): number => [...a].filter((x) => b.has(x)).length;

/** How a sentence ranks a claim's two sides against the claim: the same way, the other, or not. */
export type Rank = 'same' | 'reversed' | undefined;

/** Whether one claimed comparison is stated the same way or reversed by one the sentence makes. */
function rankAgainst(c: Comparison, s: Comparison): Rank {
  const reversed =
    common(c.lower, s.higher) > common(c.lower, s.lower) &&
    common(s.lower, c.higher) > common(s.lower, c.lower);
  const same =
    common(c.lower, s.lower) > common(c.lower, s.higher) &&
    common(s.higher, c.higher) > common(s.higher, c.lower);
  return reversed === same ? undefined : reversed ? 'reversed' : 'same';
}

/**
 * Whether the sentence's own comparisons rank the claim's two sides its way or the other way
 * round: reversed when what the claim puts lower (the side after "than", which names the thing)
 * is on the sentence's higher side, and what the sentence puts lower is on the claim's higher
 * side ("Northport grew faster than Eastvale" against "Eastvale's growth outpaced Northport's").
 */
export function comparisonRank(claim: string, sentence: string): Rank {
  // Most claims compare nothing: then the sentence is not read at all.
  const claimed = comparisons(claim);
  if (claimed.length === 0) return undefined;
  const said = comparisons(sentence);
  return settle(claimed.flatMap((c) => said.map((s) => rankAgainst(c, s))));
}

/** One ranking from several readings: none when they disagree. */
function settle(ranks: Rank[]): Rank {
  const same = ranks.includes('same');
  const reversed = ranks.includes('reversed');
  return same === reversed ? undefined : same ? 'same' : 'reversed';
}

/** Where the words of one figure stop: a clause mark, or a coordinator before another figure. */
const CLAUSE = /[,;:()，。；]/;
const COORDINATED = /[,;:()，。；]|\b(?:and|while|whereas|but|compared\s+with|against)\b/i;

/** The words around a figure, up to clause marks and, between two figures, a coordinator. */
function figureWords(text: string, q: Quantity, all: Quantity[]): Set<string> {
  const prev = all.filter((o) => o.end <= q.start).map((o) => o.end);
  const next = all.filter((o) => o.start >= q.end).map((o) => o.start);
  // "50 cases and Eastvale 80 cases": "and" parts two figures; "built and delivered" does not.
  const before = text
    .slice(prev.length ? Math.max(...prev) : 0, q.start)
    .split(prev.length ? COORDINATED : CLAUSE)
    .pop()!;
  const after = text
    .slice(q.end, next.length ? Math.min(...next) : text.length)
    .split(next.length ? COORDINATED : CLAUSE)[0]!;
  return stems(`${before} ${after}`.toLowerCase().match(/[a-z][a-z'’-]*/g) ?? []);
}

/** Words of a change: a comparison of changes ("grew faster than") ranks their sizes. */
const CHANGE_WORD =
  /\b(?:gr[eo]w(?:s|n|th|ing)?|ris(?:e|es|en|ing)|rose|increas\w*|fell|fall(?:s|en|ing)?|drop(?:s|ped)?|declin\w*|decreas\w*)\b/i;

/**
 * How the sentence's own figures rank the claim's two sides: as the claim does ("exports were
 * worth more than imports" against "exports 6.7 billion ... imports 4.4 billion"), the other way
 * round, or neither (no figure names one side, or the figures are level). Each side takes the one
 * figure whose words name it rather than the other side, counting only words that tell the
 * figures apart (a verb or noun every figure has decides nothing), of the same kind and measure as
 * the other side's.
 */
export function figuresRank(claim: string, sentence: string): Rank {
  // Most claims compare nothing: then the sentence's figures are not read at all.
  const claimed = comparisons(claim);
  if (claimed.length === 0) return undefined;
  const figures = extractQuantities(sentence).filter(
    (q) => isAmount(q) && q.kind !== 'rank' && q.kind !== 'version' && !q.relation,
  );
  if (figures.length < 2) return undefined;
  // "Grew faster than" compares the two sides' changes, not their levels: a side's change is
  // its figure said as one, or the one said right after its level ("5.1 million, up 2.6%").
  const ofChange = CHANGE_WORD.test(claim);
  const isChange = (q: Quantity) => q.role === 'change' || q.change === true;
  const changeOf = (q: Quantity): Quantity | undefined => {
    if (isChange(q)) return q;
    const next = figures[figures.indexOf(q) + 1];
    return next && isChange(next) ? next : undefined;
  };
  const measured = (q: Quantity | undefined) => (ofChange && q ? changeOf(q) : q);
  const ranks = claimed.map((c): Rank => {
    // "more beds than": figures of beds, when the sentence counts beds at least twice.
    const counted = figures.filter((q) => q.after.some((w) => c.middle.has(w)));
    const pool = counted.length >= 2 ? counted : figures;
    const contexts = pool.map((q) => figureWords(sentence, q, figures));
    const telling = (w: string) => {
      const n = contexts.filter((ctx) => ctx.has(w)).length;
      return n > 0 && n < contexts.length;
    };
    const own = (side: Set<string>, other: Set<string>) =>
      new Set([...side].filter((w) => !other.has(w) && telling(w)));
    const first = new Set([...(c.firstHigher ? c.higher : c.lower), ...c.middle]);
    const [higher, lower] = c.firstHigher ? [first, c.lower] : [c.higher, first];
    const [high, low] = [own(higher, lower), own(lower, higher)];
    const pick = (side: Set<string>, other: Set<string>) => {
      const scored = pool
        .map((q, i) => ({ q, s: common(contexts[i]!, side) - common(contexts[i]!, other) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s);
      // A tie names no one figure.
      return scored[0] && scored[0].s > (scored[1]?.s ?? 0) ? scored[0].q : undefined;
    };
    const h = measured(pick(high, low));
    const l = measured(pick(low, high));
    if (h === undefined || l === undefined || h === l || h.kind !== l.kind || !comparable(h, l))
      return undefined;
    return h.value > l.value ? 'same' : h.value < l.value ? 'reversed' : undefined;
  });
  return settle(ranks);
}

/** A change of state: "from A to B", "away from A (back) toward B". Figures are the numbers' part. */
const END = '(?:(?!\\bfrom\\b)[^,;:.()\\d]){3,80}?';
const FROM_TO = new RegExp(
  `\\bfrom\\s+(${END})\\s+(?:to|into|toward|towards)\\s+(${END})(?=[,;:.()]|\\s+and\\b|$)`,
  'gi',
);
const AWAY_TOWARD = new RegExp(
  `\\baway\\s+from\\s+(${END})\\s+(?:and\\s+)?(?:back\\s+)?(?:to|toward|towards)\\s+(${END})(?=[,;:.()?]|\\s+and\\b|$)`,
  'gi',
);

function changes(text: string): [Set<string>, Set<string>][] {
  const out: [Set<string>, Set<string>][] = [];
  for (const re of [AWAY_TOWARD, FROM_TO])
    for (const m of text.matchAll(re)) {
      const words = (s: string) => stems(s.toLowerCase().match(/[a-z][a-z'’-]*/g) ?? []);
      out.push([words(m[1]!), words(m[2]!)]);
    }
  return out;
}

/**
 * Whether the sentence states the claim's change of state the other way round: "switched from
 * paper forms to online forms" against "moved from online forms to paper forms". Each end of the
 * claim's change must share more words with the other end of the text's than with its own.
 */
export function changeReversed(claim: string, sentence: string): boolean {
  const said = changes(sentence);
  if (said.length === 0) return false;
  return changes(claim).some(([from, to]) =>
    said.some(
      ([sFrom, sTo]) =>
        common(from, sTo) > common(from, sFrom) && common(to, sFrom) > common(to, sTo),
    ),
  );
}

/** English verbs of a rise and of a fall (and a Chinese sentence's rendering of them). */
const RISE =
  /\b(?:ris(?:e|es|ing|en)|rose|increas(?:e|es|ed|ing)|gr(?:ew|ow|ows|own|owing)|climb(?:s|ed|ing)?|jump(?:s|ed|ing)?|soar(?:s|ed|ing)?|surg(?:e|es|ed|ing)|(?:went|go|goes|gone|going)\s+up|rais(?:e|es|ed|ing)|lengthen(?:s|ed|ing)?)\b/i;
const FALL =
  /\b(?:f(?:all|alls|ell|allen|alling)|decreas(?:e|es|ed|ing)|declin(?:e|es|ed|ing)|drop(?:s|ped|ping)?|dipp?(?:s|ed|ing)?|shr(?:ank|ink|inks|unk|inking)|slump(?:s|ed|ing)?|plung(?:e|es|ed|ing)|(?:went|go|goes|gone|going)\s+down|shorten(?:s|ed|ing)?|descend(?:s|ed|ing)?)\b/i;
/** A negation right before a verb of change ("did not fall", "has not risen"). */
const NEGATED_CHANGE = /\b(?:not|never|no|n['’]t)\s+(?:\w+\s+){0,2}$/i;

/** Words before a verb of change that may name what changed ("net profit fell"). */
const CHANGED = 4;

/**
 * Which way a text says a change went, with the words before the verb that say what changed:
 * none when it says both ways, or a negation turns the verb ("did not fall").
 */
function changeWay(text: string): { up: boolean; what: Set<string> } | undefined {
  const said = (re: RegExp) => {
    const m = re.exec(text);
    return m !== null && !NEGATED_CHANGE.test(text.slice(0, m.index)) ? m : undefined;
  };
  const [up, down] = [said(RISE), said(FALL)];
  const m = up ?? down;
  if (!m || (up && down)) return undefined;
  const before =
    text
      .slice(0, m.index)
      .toLowerCase()
      .match(/[a-z][a-z'’-]*/g) ?? [];
  return { up: up !== undefined, what: stems(before.slice(-CHANGED)) };
}

/**
 * Whether the sentence says the claim's change went the other way: "profit increased" against
 * "profit fell by a tenth", "went up" against "dropped", the words before each verb sharing one
 * (what changed); only one way in each, and no negation before it.
 */
export function directionReversed(claim: string, sentence: string): boolean {
  const [c, t] = [changeWay(claim), changeWay(sentence)];
  return c !== undefined && t !== undefined && c.up !== t.up && common(c.what, t.what) > 0;
}

/** Chinese words of one direction and their opposites ("高出" is 高, "提高" is neither 高 nor 低). */
const ZH_OPPOSITES: readonly [string, string][] = [
  ['高', '低'],
  ['多', '少'],
  ['快', '慢'],
  ['涨', '跌'],
  ['盈利', '亏损'],
  ['批准', '否决'],
  ['东部', '西部'],
  ['南部', '北部'],
  ['良好', '较差'],
  ['提前', '推迟'],
  ['上半年', '下半年'],
];
/** Chinese verbs of a rise and of a fall: any of one is the opposite of any of the other. */
const ZH_RISE = [
  '增加', '增长', '上升', '提高', '上涨', '增多', '扩大', '上调', '升至', '增至', '涨至', '延长',
]; // prettier-ignore
const ZH_FALL = [
  '减少', '下降', '降低', '下跌', '缩小', '下调', '回落', '降至', '减至', '跌至', '缩短',
]; // prettier-ignore
/** Characters after a one-character direction word that keep it one ("高出", "低于", "多了"). */
const DIRECTION_TAIL = /^[出于了过得]$/;

/** Whether a Chinese word says a direction word. */
const saysWord = (segment: string, word: string): boolean =>
  segment === word ||
  (word.length === 1 &&
    segment.length === 2 &&
    segment[0] === word &&
    DIRECTION_TAIL.test(segment[1]!));

/**
 * Whether a Chinese sentence says the opposite direction of a Chinese claim's ("比公交票价低20%"
 * against "比公交票价高出20%", "下降了3个百分点" against "提高3个百分点"), and not the claim's own.
 */
export function chineseOpposite(claim: string[], sentence: string[]): boolean {
  const says = (words: string[], ws: readonly string[]) =>
    words.some((s) => ws.some((w) => saysWord(s, w)));
  const pairs: [readonly string[], readonly string[]][] = [
    ...ZH_OPPOSITES.map(([a, b]): [string[], string[]] => [[a], [b]]),
    [ZH_RISE, ZH_FALL],
  ];
  return pairs.some(([a, b]) =>
    [
      [a, b],
      [b, a],
    ].some(
      ([mine, other]) =>
        says(claim, mine!) &&
        !says(claim, other!) &&
        says(sentence, other!) &&
        !says(sentence, mine!),
    ),
  );
}

/** A Chinese comparison's other side and its word: 比B多 (more than B). */
const ZH_COMPARED =
  /比([\p{Script=Han}]{2,10}?)(?:的[\p{Script=Han}]{1,6})?(多|少|高|低|快|慢|大|小|早|晚)/gu;

/** Words of a Chinese comparison by their opposites: 比B多 is 比B少 the other way round. */
const ZH_OTHER_WAY: Readonly<Record<string, string>> = {
  多: '少', 少: '多', 高: '低', 低: '高', 快: '慢', 慢: '快', 大: '小', 小: '大', 早: '晚', 晚: '早',
}; // prettier-ignore

/**
 * How a Chinese sentence ranks the claim's two sides against the claim: A比B多 against A……比B多
 * (or B……比A少) is the same ranking; against B……比A多 the other. The first side is what the
 * sentence says before 比, often a clause apart ("东区建成52个，比西区多9个"): the other sides decide.
 */
export function chineseComparisonRank(claim: string, sentence: string): Rank {
  const compared = (t: string) =>
    t.split(/[。；！？]/).flatMap((part) =>
      [...part.matchAll(ZH_COMPARED)].map((m) => ({
        first: part.slice(0, m.index),
        other: m[1]!,
        word: m[2]!,
      })),
    );
  const said = compared(sentence);
  return settle(
    compared(claim).flatMap((c) =>
      said.map((s): Rank => {
        const swapped =
          sameParty(c.other, s.first) &&
          sameParty(s.other, c.first) &&
          !sameParty(c.other, s.other);
        const kept = sameParty(c.other, s.other) && !sameParty(c.other, s.first);
        const opposite = ZH_OTHER_WAY[c.word] === s.word;
        if (s.word !== c.word && !opposite) return undefined;
        if (swapped) return opposite ? 'same' : 'reversed';
        if (kept) return opposite ? 'reversed' : 'same';
        return undefined;
      }),
    ),
  );
}

/**
 * Words that say which way a figure went, read loosely (the model weighs the cue): English
 * verbs and comparatives of a rise or a fall, "up from", "down by"; Chinese ones by substring.
 */
const SAYS_UP = new RegExp(
  String.raw`${RISE.source}|\b(?:shot\s+up|up\s+(?:from|by|to)|higher|larger|bigger|(?<!\bno\s)longer|doubled|tripled|expand(?:s|ed|ing)?|boost(?:s|ed|ing)?|edged\s+up|mov(?:e|es|ed|ing)\s+up|widen(?:s|ed|ing)?|more\s+(?!than\b)[^.,;:!?]{1,60}?\bthan)\b`,
  'i',
);
const SAYS_DOWN = new RegExp(
  String.raw`${FALL.source}|\b(?:down\s+(?:from|by|to)|lower|fewer|smaller|shorter|halved|reduc(?:e|es|ed|ing)|cut\s+(?:by|from|to)|slipp(?:ed|ing)|slips?|slid(?:es|ing)?|narrow(?:s|ed|ing)|edged\s+down|mov(?:e|es|ed|ing)\s+down|thinner|less\s+(?!than\b)[^.,;:!?]{1,60}?\bthan)\b`,
  'i',
);
const ZH_SAYS_UP = [
  ...ZH_RISE,
  '高于',
  '多于',
  '超过',
  '提升',
  '攀升',
  '飙升',
  '翻番',
  '翻倍',
  '涨',
];
const ZH_SAYS_DOWN = [...ZH_FALL, '低于', '少于', '不足', '下滑', '萎缩', '减半', '跌'];

/**
 * Which way a text's own figures say a thing went: a level and the earlier one it changed from
 * ("7,400 visits, compared with 6,100 in 2030", "fell to 57% from 61%"), a rank the other way
 * round (5th from 11th is up). Of several such levels, those whose words say most of `words`
 * (the claim's stems) decide; none when they go both ways.
 */
export function levelsDirection(
  figures: readonly Quantity[],
  words: ReadonlySet<string>,
): 'up' | 'down' | undefined {
  const levels = figures
    .filter((q) => isAmount(q) && q.changedFrom !== undefined && q.changedFrom !== q.value)
    .map((q) => ({
      up: q.value > q.changedFrom! !== (q.kind === 'rank'),
      said: [...q.before, ...q.after].filter((w) => words.has(w)).length,
    }));
  const most = Math.max(0, ...levels.map((l) => l.said));
  const ways = new Set(levels.filter((l) => l.said === most).map((l) => l.up));
  return ways.size !== 1 ? undefined : ways.has(true) ? 'up' : 'down';
}

/** 比B多, 比B更高: more than B (比例, 比重, 比赛 and 比较 are other words). */
const ZH_THAN = String.raw`比(?![例重赛较如])[^，。；！？,;]{1,12}?(?:更|还|要)?`;
const ZH_MORE_THAN = new RegExp(`${ZH_THAN}[多高大]`, 'u');
const ZH_LESS_THAN = new RegExp(`${ZH_THAN}[少低小]`, 'u');

/** Which way a text says a figure went: up, down, or neither (none said, or both). */
export function statedDirection(text: string): 'up' | 'down' | undefined {
  const zh = /\p{Script=Han}/u.test(text);
  const up =
    SAYS_UP.test(text) ||
    (zh && (ZH_SAYS_UP.some((w) => text.includes(w)) || ZH_MORE_THAN.test(text)));
  const down =
    SAYS_DOWN.test(text) ||
    (zh && (ZH_SAYS_DOWN.some((w) => text.includes(w)) || ZH_LESS_THAN.test(text)));
  return up === down ? undefined : up ? 'up' : 'down';
}
