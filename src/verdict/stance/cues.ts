/**
 * Word cues the stance rules read. Each list is generic English (no topic words): negation,
 * debunking, absolute and partial quantifiers, and future or planned events; negation and debunking
 * words of Chinese documents too.
 */
import { cutChinese, hasCjk, segmentChinese } from '../../index/tokenize.js';
import { negatesNothing, ZH_NEGATION } from '../zh/translate.js';

/**
 * Negations, with the words that negate without "not": "has yet to", "failed to", "declined to",
 * "refuses" (with "to" or an object: "refuses refunds"), "barred from", "X rather than Y" (Y is
 * denied). "No matter" and "not only" are idioms, "No. 5" a number and "does not exceed 5" a
 * bound, not negations.
 */
const NEGATION =
  /\b(not|no|never|neither|nor|none|cannot|zero|nobody|nothing|without\s+any|yet\s+to|fail(?:s|ed)?\s+to|failure\s+to|declin(?:e|es|ed)\s+to|refus(?:e|es|ed|ing|al)|rather\s+than|instead\s+of|barred|banned|prohibit(?:s|ed)?|forbid(?:s|den)?|unable|lack(?:s|ed|ing)?(?:\s+of)?|absence\s+of)\b|n['’]t\b|不|没|未|无|非|禁止|严禁/gi;
const NOT_NEGATION =
  /\b(no\.?\s*\d+|no\s+matter|whether\s+or\s+not|not\s+only|no\s+doubt|no\s+longer\s+than|no\s+more\s+than|no\s+less\s+than|not\s+(?:more|less|fewer)\s+than|not\s+exceed\w*|not\s+over)\b/gi;

/**
 * A negation that says something positive: of a verb that itself denies ("does not restrict
 * members from voting" allows it) or that says a thing stays as it is ("does not affect their
 * right to vote"), or in a clause with an exception ("except in floods, the
 * reserve shall not be used" says when it is used, as "only in floods" does).
 */
const DOUBLE_NEGATIVE =
  /\b(?:not|never|no|nor)\s+(?:\w+\s+){0,2}?(?:restrict|prevent|prohibit|forbid|bar|ban|stop|hinder|deny|exclude|affect)\w*/gi;
const EXCEPTION_CLAUSE =
  /[^;.!?；。]*\b(?:except|unless|other\s+than|apart\s+from|save\s+for)\b[^;.!?；。]*|[^;.!?；。]*除[^;.!?；。]*外[^;.!?；。]*/gi;

/** Whether the text states an exception (its negations then restrict rather than deny). */
export const statesException = (text: string): boolean => {
  EXCEPTION_CLAUSE.lastIndex = 0;
  return EXCEPTION_CLAUSE.test(text);
};

/** The text with its idioms, double negatives and exception clauses blanked (same length). */
const blankNonNegations = (text: string): string =>
  [NOT_NEGATION, DOUBLE_NEGATIVE, EXCEPTION_CLAUSE].reduce(
    (t, re) => t.replace(re, (m) => ' '.repeat(m.length)),
    text,
  );

/** Number of negations in a text. */
export function negationCount(text: string): number {
  return (blankNonNegations(text).match(NEGATION) ?? []).length;
}

/** Words after a negation that it still governs ("has not been shown in any trial that …"). */
const NEGATION_SCOPE = 10;

/**
 * Whether a match of `cue` in `text` governs one of `stems` (the claim's words the text says):
 * a negation far from the claim's topic says nothing about the claim.
 */
function governsAny(
  cue: RegExp,
  text: string,
  stems: Set<string>,
  stemOf: (w: string) => string,
): boolean {
  for (const m of text.matchAll(cue)) {
    // The clause around the cue: what it negates follows it, or is the subject before it
    // ("the plan to open 40 new libraries has not changed").
    const after = text
      .slice(m.index + m[0].length, m.index + m[0].length + 120)
      .split(/[;:,.]/)[0]!;
    const before = text
      .slice(Math.max(0, m.index - 80), m.index)
      .split(/[;:,.]/)
      .pop()!;
    // "X rather than Y", "X instead of Y": Y is denied, X affirmed.
    const contrast = /^(?:rather|instead)\b/i.test(m[0]);
    const words = [
      ...(after.match(/[A-Za-z]+/g) ?? []).slice(0, NEGATION_SCOPE),
      ...(contrast ? [] : (before.match(/[A-Za-z]+/g) ?? []).slice(-NEGATION_SCOPE / 2)),
    ];
    if (words.some((w) => stems.has(stemOf(w.toLowerCase())))) return true;
  }
  return false;
}

/** Chinese words after a cue that it still governs, and before it (its subject). */
const ZH_SCOPE = 6;
/** Where a Chinese clause ends. */
const ZH_CLAUSE = /[，,。；;：:！？!?\n]/;
/**
 * A plan governs its whole sentence: its time comes first, then what is planned, often after a
 * comma ("计划在2030年底前，把……改造为……").
 */
const ZH_PLAN_REACH = { clause: /[。；;！？!?\n]/, scope: 14 };
/** Chinese words that forbid: a negation of one ("从未下发禁止……的通知") allows the thing. */
const ZH_PROHIBITION = /^(禁止|严禁|不得|不准|不许|限制)$/;

/**
 * Whether a cue word of a Chinese text (`isCue` of the clause's words at one of them) governs
 * one of `stems`: a word after it in its clause, or its subject just before. A Chinese claim's
 * terms carry their Chinese words; an English claim's, its stems, which a word meets through
 * its English `senses`.
 */
function chineseGoverns(
  text: string,
  stems: Set<string>,
  isCue: (words: string[], i: number) => boolean,
  senses: (word: string) => readonly string[] = () => [],
  reach: { clause: RegExp; scope: number } = { clause: ZH_CLAUSE, scope: ZH_SCOPE },
): boolean {
  // A compound ("上调水价") governs the claim's word inside it ("水价").
  const says = (g: string) =>
    stems.has(g) ||
    segmentChinese(g).some((p) => stems.has(p)) ||
    senses(g).some((p) => stems.has(p));
  for (const clause of text.split(reach.clause)) {
    const words = cutChinese(clause).filter((w) => w.trim() !== '');
    for (let i = 0; i < words.length; i++) {
      if (!isCue(words, i)) continue;
      const governed = [
        ...words.slice(i + 1, i + 1 + reach.scope),
        ...words.slice(Math.max(0, i - ZH_SCOPE / 2), i),
      ];
      if (governed.some(says)) return true;
    }
  }
  return false;
}

/**
 * A negation word of a Chinese clause. Read on whole words, so 未来 (future) and 非常 (very)
 * negate nothing; A-not-A questions and bounds ("不超过") neither, as in a Chinese claim; a
 * negated prohibition ("从未禁止", never banned) is no negation, as "does not prohibit" is none.
 */
function chineseNegation(words: string[], i: number): boolean {
  const w = words[i]!;
  if (!ZH_NEGATION.test(w) || negatesNothing(words[i - 1] ?? '', w, words[i + 1] ?? ''))
    return false;
  const near = (from: number, to: number, test: (v: string) => boolean) =>
    words.slice(Math.max(0, from), to).some(test);
  return ZH_PROHIBITION.test(w)
    ? !near(i - ZH_SCOPE, i, (v) => ZH_NEGATION.test(v) && !ZH_PROHIBITION.test(v))
    : !near(i + 1, i + 1 + ZH_SCOPE, (v) => ZH_PROHIBITION.test(v));
}

/** Whether a negation in `text` governs one of `stems` (the claim's words the text says). */
export const negatesAny = (
  text: string,
  stems: Set<string>,
  stemOf: (w: string) => string,
  senses?: (word: string) => readonly string[],
): boolean =>
  governsAny(NEGATION, blankNonNegations(text), stems, stemOf) ||
  (hasCjk(text) && chineseGoverns(text, stems, chineseNegation, senses));

/** Words that forbid: negations of what is allowed, not denials of what is said. */
const PROHIBITION =
  /\b(?:barred|banned|prohibit(?:s|ed)?|forbid(?:s|den)?)\b|禁止|严禁|不得|不准|不许/gi;

/**
 * Whether a denial in `text` governs one of `stems`: a negation other than a prohibition. A claim
 * that something is banned repeats a rumour of a ban; one that denies it agrees with a debunking.
 */
export const deniesAny = (
  text: string,
  stems: Set<string>,
  stemOf: (w: string) => string,
): boolean =>
  negatesAny(
    text.replace(PROHIBITION, (m) => ' '.repeat(m.length)),
    stems,
    stemOf,
  );

/**
 * Leave a claim may give, each with the words that take it back: a permission is taken back by
 * a ban, an exemption by a duty, "no limit" by a cap ("may trade in any number of sets" against
 * "no more than five sets"). Neither is a negation of the other by the word count alone.
 */
const LEAVE: [grant: RegExp, withdraw: RegExp][] = [
  [
    /\b(?:allow(?:s|ed|ing)?|permit(?:s|ted|ting)?|free\s+to)\b|允许|准许/gi,
    /\b(?:forbid(?:s|den)?|prohibit(?:s|ed)?|ban(?:s|ned)?|cannot|may\s+not|must\s+not|shall\s+not|not\s+(?:be\s+)?(?:allowed|permitted))\b|禁止|严禁|不得|不准/gi,
  ],
  [
    /\bexempt(?:s|ed|ion)?\b|豁免|免于/gi,
    /\b(?:must|shall|required\s+to|obliged\s+to|mandatory|compulsory)\b|必须|应当/gi,
  ],
  [
    /\b(?:unlimited|no\s+limits?|without\s+(?:any\s+)?limits?|any\s+number\s+of)\b|不限|无限/gi,
    /\b(?:not\s+exceed\w*|no\s+more\s+than|at\s+most|limited\s+to|capped\s+at)\b|不超过|最多|上限/gi,
  ],
];

/**
 * Whether the text takes back leave the claim gives (a ban where the claim allows, a duty where
 * it exempts, a cap where it says "unlimited"), on a word of the claim the text says. A claim
 * that itself takes the leave back ("not allowed") gives none.
 */
export function withdrawsLeave(
  claim: string,
  text: string,
  stems: Set<string>,
  stemOf: (w: string) => string,
): boolean {
  const has = (re: RegExp, s: string) => {
    re.lastIndex = 0;
    return re.test(s);
  };
  return LEAVE.some(
    ([grant, withdraw]) =>
      has(grant, claim) &&
      !has(withdraw, claim) &&
      !has(grant, text) &&
      governsAny(withdraw, text, stems, stemOf),
  );
}

/** Phrases with which a text says a claim is false or unfounded. */
export const DEBUNK =
  /\b(rumou?rs?|not\s+true|untrue|false(hood)?|fake|hoax|myth|groundless|baseless|misleading|one-sided|debunk\w*|refut\w*|no\s+(scientific\s+)?(evidence|research|basis|proof)|not\s+been\s+(found|proven|proved|confirmed)|there\s+is\s+no\s+(scientific\s+)?(evidence|research|basis)|does\s+not\s+mean)\b|不实|不属实|谣言|辟谣|并非事实|没有(科学)?(依据|根据)|毫无根据|假消息|虚假/i;

const DEBUNK_ALL = new RegExp(DEBUNK.source, 'gi');

/** One family for the forms of a debunking word: "rumour" is "rumors", "refuted" is "debunk". */
const debunkFamily = (phrase: string): string => {
  const p = phrase.toLowerCase();
  if (/rumou?r|谣言/.test(p)) return 'rumor';
  if (/debunk|refut|辟谣/.test(p)) return 'debunk';
  return p.replace(/\s+/g, ' ');
};

/**
 * Whether the text says a claim is false in words the claim does not use itself: a claim about a
 * rumor-refuting platform ("the platform received 3,000 rumor reports") is not debunked by a
 * sentence about its rumor reports.
 */
export function debunksBeyond(claimText: string, text: string): boolean {
  const families = (t: string) => [...t.matchAll(DEBUNK_ALL)].map((m) => debunkFamily(m[0]));
  const claimed = new Set(families(claimText));
  return families(text).some((f) => !claimed.has(f));
}

/** Words that name what is said as a rumor (not a verdict on it). */
export const RUMOR_WORD = /\b(rumou?rs?|hoax(es)?|myths?)\b|谣言|传言|流言/i;

/** The answer paragraph of a rumor inventory ("Truth: …"). */
export const TRUTH_LABEL = /^\s*(truth|fact|the\s+truth|facts?\s+check|verdict)\s*[:：]/i;

/** Claims of totality, which a partial statement contradicts. */
export const ABSOLUTE =
  /\b(every|all|always|everything|everyone|everybody|entire(ly)?|complete(ly)?|100%|any|whole)\b|所有|全部|一切|都/i;
/**
 * Partial or tentative statements. "Only" is one before a small number ("only a few of them"),
 * not in "depends only on"; "a few days ago" says when, not how many.
 */
export const PARTIAL =
  /\b(some|part\s+of|parts\s+of|partial(ly)?|a\s+few(?!\s+(?:minutes|hours|days|weeks|months|years)\b)|several|certain|only(?=\s+(?:a\s+few|a\s+handful|some|part|a\s+small|\d|one|two|three|four|five|six|seven|eight|nine|ten)\b)|try\s+to|trial|pilot)\b/i;
/** Some of a whole counted out: "7 of the 10 quays" (7 is fewer), 10个渡口中有7个 (the whole first). */
const SOME_OF = /(\d[\d,]*)\s+(?:out\s+)?of\s+(?:the\s+|its\s+|all\s+)?(\d[\d,]*)\b/g;
const ZH_SOME_OF = /(\d+)[^\d，。；！？]{0,12}?中(?:有|的)?(\d+)/g;
/** Chinese words of a part: 部分 "some of", 一些, 有的, 试点 "a pilot". */
const ZH_PARTIAL = /(?<!大)部分|一些|有的|少数|试点/;
const figure = (s: string): number => Number(s.replace(/,/g, ''));

/** Whether a text says something of part of a whole: "some", "a few", "7 of the 10", 部分. */
export function saysPart(text: string): boolean {
  if (PARTIAL.test(text) || ZH_PARTIAL.test(text)) return true;
  for (const m of text.matchAll(SOME_OF)) if (figure(m[1]!) < figure(m[2]!)) return true;
  for (const m of text.matchAll(ZH_SOME_OF)) if (figure(m[2]!) < figure(m[1]!)) return true;
  return false;
}
/** A claim that something is so of one thing alone ("only in schools", "solely"), not "only 10 seconds". */
export const RESTRICTIVE = /\b(?:only|solely|exclusively)\b(?!\s+(?:about\s+|around\s+)?\d)/i;
/** A text saying it is so of more than one thing ("not only in schools but also in clinics"). */
export const ADDITIVE = /\bnot\s+only\b|\bbut\s+also\b|\bas\s+well\s+as\b|不仅|不只|还广泛/i;
/** Exceptions and majorities, which deny a totality even beside "all" ("all but one", "mostly"). */
export const EXCEPTION =
  /\b(except|excluding|apart\s+from|with\s+the\s+exception\s+of|mostly|mainly|largely|basically|the\s+majority\s+of|most\s+of)\b|除了|大多|大部分|基本/i;

/** Future, planned or expected events (vs a claim that something already happened). */
export const FUTURE =
  /\b(will|plans?\s+to|planned|expected|is\s+scheduled|are\s+scheduled|aims?\s+to|intends?\s+to|is\s+going\s+to|next\s+year|in\s+the\s+future)\b/i;
const FUTURE_ALL = new RegExp(FUTURE.source, 'gi');
/** Chinese words of what is to come (将 apart: see `chineseFuture`). */
const ZH_FUTURE = /^(计划|预计|拟|力争|争取|有望|即将|将于|将在|将要|将会|将由|打算|准备|规划)$/;

/**
 * A word of what is to come in a Chinese clause. 将 is "will" unless it marks what a change is
 * done to ("将收费标准由7元调整为4元", the fee changed from 7 to 4), which says nothing of when.
 */
function chineseFuture(words: string[], i: number): boolean {
  const w = words[i]!;
  if (ZH_FUTURE.test(w)) return true;
  if (w !== '将') return false;
  const rest = words.slice(i + 2).join('');
  return !/^[^，。]*?[由从][^，。]*?\d[^，。]*?(?:至|到|为)/.test(rest);
}

/** Whether a word of what is to come governs a word of `stems` ("the bridge will open"). */
export const futureAbout = (
  text: string,
  stems: Set<string>,
  stemOf: (w: string) => string,
  senses?: (word: string) => readonly string[],
): boolean =>
  governsAny(FUTURE_ALL, text, stems, stemOf) ||
  (hasCjk(text) && chineseGoverns(text, stems, chineseFuture, senses, ZH_PLAN_REACH));
/** A claim that something is already done. */
export const ALREADY = /\b(already|now|has\s+(been\s+)?\w+ed|have\s+\w+ed|officially)\b|已经|已/i;
