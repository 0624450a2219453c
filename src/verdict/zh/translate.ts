import { chineseWords, contentTokens, stemWord } from '../text/terms.js';
import { ATTRIBUTION_SCALE, ZH_ATTRIBUTION_WORDS } from '../match/attribution.js';
import type { EnglishReading } from '../evidence/sentence-store.js';
import type { ClaimTerm } from '../match/claim-term.js';
import type { ChineseTools, DictEntry } from './dictionary.js';
import { normalizeChineseNumbers } from './numbers.js';
import { MEASURE_WORD, resegment } from './resegment.js';
import { pinyinSounds, soundsForeign } from './sounds.js';

/** Words that carry grammar, not topic (particles, pronouns, frequent function verbs). */
const ZH_STOP = new Set(
  `的 了 是 在 和 与 及 以及 有 也 都 就 会 吗 呢 着 过 被 把 将 对 从 于 为 而 则 其 之 这 那 这些 那些
  一个 中 上 下 说 指出 透露 据 根据 目前 已 已经 还 又 很 最 该 此 等 能 能否 可以 让 给 用 所 并 或 或者 个
  我 你 他 她 它 我们 你们 他们 大家 就是 才 算 称 表示 认为 知情人士 人士 得 地 后 前 当 由 向 到 至 截至 里 另有 另`.split(
    /\s+/,
  ),
);
/** Negations, kept as "not" so the stance rules see them. */
export const ZH_NEGATION =
  /^(不|没|没有|未|无|非|别|勿|莫|不可能|并非|并不|并未|从未|从不|未曾|尚未|还没|还没有|未能|没能|不是|不会|不能|不得|不要|不用|不必|不再|无法|没法|没办法|无须|无需|毫无|绝不|决不|而非|而不是|禁止|严禁|不准|不许)$/;
const HAN = /\p{Script=Han}/u;

export interface Translation {
  /** A word-by-word English rendering (primary glosses), for retrieval and number parsing. */
  english: string;
  terms: ClaimTerm[];
  /**
   * Negation words the segmenter kept apart (不, 没有, 并非). A negation fused into a word (来源不明,
   * "of unknown source") is part of that word's meaning, as "unknown" is in English, though its
   * gloss may read "not clear".
   */
  negations: number;
}

const capitalise = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

const toneless = (pinyin: string): string =>
  pinyin
    .toLowerCase()
    .replace(/[0-9:]/g, '')
    .split(/\s+/)
    .join('');

/** The pieces of one gloss, without parentheses and cross references ("[Ri4 zhao4 shi4]"). */
const glossPieces = (gloss: string): string[] =>
  gloss
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .split(/[;,]/);

/** One piece of a gloss as a phrase: no leading article, "to", "or simply", "sb" or "sth". */
const cleanPiece = (piece: string): string =>
  piece
    .replace(/^\s*(to|a|an|the)\s+/i, '')
    .replace(/^\s*(?:or\s+)?simply\s+/i, '')
    .replace(/\b(sb|sth|one's|oneself)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A measure word's gloss, listing what it counts. */
const CLASSIFIER = /^classifier for /i;

/** Cleaned English senses of one entry: no parentheses, cross references or "to " infinitives. */
export function cleanSenses(english: string[]): string[] {
  const out: string[] = [];
  // What a measure word counts is no sense of the word ("bridges" of "classifier for bridges etc").
  const glosses = english.flatMap((g) => g.split(';')).filter((g) => !CLASSIFIER.test(g.trim()));
  for (const gloss of glosses) {
    for (const piece of glossPieces(gloss)) {
      const s = cleanPiece(piece);
      if (
        s.length === 0 ||
        /^(see|variant of|old variant|abbr|also|CL:|surname|classifier|used)/i.test(s)
      )
        continue;
      if (s.split(' ').length > 4) continue;
      out.push(s);
    }
  }
  return out;
}

const isProper = (e: DictEntry): boolean => /^[A-Z]/.test(e.pinyin);
const isSurnameOnly = (e: DictEntry): boolean =>
  e.english.every((g) => /^(surname|variant of|old variant)/i.test(g.replace(/\([^)]*\)\s*/g, '')));

/** Pinyin of each character, for words the dictionary lacks (names, new place names). */
function transliterate(word: string, tools: ChineseTools): string[] {
  return [...word].map((ch) => toneless(tools.lookup(ch)[0]?.pinyin ?? ''));
}

/** Most spellings of one word's pinyin tried (a few characters have several readings). */
const MAX_SPELLINGS = 4;

/** A place's kind after its name (石岚区, "X district"): the name alone is how English writes it. */
const PLACE_KIND = /^(.{2,})[市县省区镇村州]$/u;
/** How English names each kind of place after its name. */
const PLACE_KIND_WORD: Readonly<Record<string, string>> = {
  市: 'city',
  县: 'county',
  省: 'province',
  区: 'district',
  镇: 'town',
  村: 'village',
  州: 'prefecture',
};

/**
 * How an English text may spell a Chinese name: its pinyin joined, toneless, ü as "u" or "v"
 * ("Lvshui" and "Lushui" for 绿水), each character's readings tried.
 */
export function pinyinSpellings(word: string, tools: ChineseTools): string[] {
  const name = PLACE_KIND.exec(word)?.[1] ?? word;
  let spellings = [''];
  for (const ch of name) {
    const readings = new Set(
      tools
        .lookup(ch)
        .map((e) => e.pinyin.toLowerCase().replace(/[0-9\s]/g, ''))
        .flatMap((p) => (p.includes('u:') ? [p.replace(/u:/g, 'v'), p.replace(/u:/g, 'u')] : [p])),
    );
    if (readings.size === 0) return [];
    spellings = spellings.flatMap((a) => [...readings].map((r) => a + r)).slice(0, MAX_SPELLINGS);
  }
  return spellings;
}

/**
 * A Chinese text as English claims read it: its word-by-word rendering, every sense of each word
 * (公交车 "public transport vehicle" is also "bus"), and the pinyin spellings of its words, the way
 * English texts write Chinese names.
 */
export function englishReading(text: string, tools: ChineseTools): EnglishReading {
  const t = translateChinese(text, tools, true);
  const pinyin = chineseWords(text)
    .filter((w) => w.length >= 2)
    .flatMap((w) => pinyinSpellings(w, tools).map(stemWord));
  return { english: t.english, stems: [...t.terms.flatMap((term) => term.alts.flat()), ...pinyin] };
}

/** Longest dictionary words covering an unknown word, left to right (性早熟 → 性 + 早熟). */
function splitUnknown(word: string, tools: ChineseTools): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < word.length) {
    let j = word.length;
    while (j > i + 1 && tools.lookup(word.slice(i, j)).length === 0) j--;
    parts.push(word.slice(i, j));
    i = j;
  }
  return parts;
}

/** Words that say what kind of body a name is ("Group", "Corp."), not which one. */
const ORG_WORD = /^(?:group|corp\.?|corporation|company|co\.?|ltd\.?|limited|inc\.?|holdings)$/i;

/**
 * A name as texts write it: its leading capitalised words ("Harbin" of "Harbin city", "Hang Seng
 * University" of "... of Hong Kong"), without the kind of body after them. A body named by one
 * word and what it is of ("Ministry of Fisheries", "Bank of Anglia") keeps the "of": the word
 * alone names any ministry.
 */
function properName(sense: string): string {
  const words: string[] = [];
  const all = sense.split(' ');
  for (const [i, w] of all.entries()) {
    const ofName = w === 'of' && words.length === 1 && /^[A-Z]/.test(all[i + 1] ?? '');
    if (!/^[A-Z]/.test(w) && !ofName) break;
    words.push(w);
  }
  while (words.length > 1 && ORG_WORD.test(words.at(-1)!)) words.pop();
  return words.join(' ');
}

/** Tags of names (people, places, bodies, other), and of words the segmenter does not know. */
const NAME_TAG = /^(nr|ns|nt|nz|nrt|nrfg|x|eng)$/;

/**
 * The dictionary entries a word is read by. A word the segmenter does not take for a name is read
 * in its common sense (新 "new", not "Xinjiang"; 老板 "boss", not a brand), as is a piece of a
 * longer unknown word. A numeral or unit keeps its names but for abbreviations (日 "Japan"): 元's
 * pinyin is the currency's name.
 */
function entriesRead(found: DictEntry[], tag: string, part: boolean): DictEntry[] {
  const common = found.filter((e) => !isProper(e));
  if (common.length === 0) return found;
  const unit = /^[mq]$/.test(tag);
  if (part || !(NAME_TAG.test(tag) || unit)) return common;
  if (!unit) return found;
  return found.filter((e) => !isProper(e) || !e.english.every((g) => /^abbr\b/i.test(g)));
}

/**
 * The term of a Chinese word. `part` says it is a piece of a longer unknown word, whose tag is the
 * whole word's: a piece with a common sense is read in it (新 of an unknown 新... word is "new",
 * not the surname Xin).
 */
function termFor(
  word: string,
  tag: string,
  tools: ChineseTools,
  part = false,
): ClaimTerm | undefined {
  const entries = entriesRead(
    tools.lookup(word).filter((e) => !isSurnameOnly(e)),
    tag,
    part,
  );
  if (entries.length === 0) return undefined;
  const proper = entries.find(isProper);
  const phrases: string[] = [];
  const prefixes: string[] = [];
  if (proper) {
    // The name itself ("Harbin" of "Harbin city", "Ardlow" of "China Ardlow Shipping Group, or
    // simply Ardlow"), not its description; and the initials English texts use ("(CASG)").
    const senses = cleanSenses(proper.english).filter((s) => /^[A-Z]/.test(s));
    // A one-word name is the dictionary's own short name ("or simply X", or a gloss of one word),
    // not any piece of a description ("Jinfeng district of Yinchuan city, Ningxia" is no Ningxia).
    const short = proper.english
      .map(
        (g) =>
          /\bor simply ([A-Z][\w-]*)/.exec(g)?.[1] ?? (/^[A-Z][\w-]*$/.test(g) ? g : undefined),
      )
      .find((w) => w !== undefined);
    // Else the head of the first gloss, however long its description ("Jinfeng district of ...").
    const lead = cleanPiece(
      glossPieces((proper.english[0] ?? '').replace(/\p{Script=Han}+/gu, ' '))[0]!,
    );
    const name = short ?? (lead && /^[A-Z]/.test(lead) ? lead : senses[0]);
    const full = name && properName(name);
    if (full) phrases.push(full);
    // Its first word alone ("Kestrel" of "Kestrel Technology"), unless that is the country's or
    // the kind of body a name with "of" is ("Ministry").
    const first = full?.split(' ')[0];
    if (first && first !== full && !/^(?:China|Chinese)$/.test(first) && !full?.includes(' of '))
      phrases.push(first);
    for (const m of proper.english[0]?.matchAll(/\(([A-Z]{2,6})\)/g) ?? []) phrases.push(m[1]!);
    // Its pinyin, capitalised as English texts write a name ("see 广东省" gives no other).
    const pinyin = toneless(proper.pinyin);
    phrases.push(capitalise(pinyin));
    prefixes.push(pinyin);
  }
  // The first two entries that say something: a variant-only entry (只 "variant of 隻") is no sense.
  const said = entries.map((e) => cleanSenses(e.english)).filter((senses) => senses.length > 0);
  for (const senses of said.slice(0, 2)) phrases.push(...senses.slice(0, 4));
  // 部 is rendered "Ministry" and "Department" alike: a text may use either for the same body.
  const bodies = phrases.flatMap((p) => {
    const kind = /^(Ministry|Department) of /.exec(p)?.[1];
    return kind ? [p.replace(kind, kind === 'Ministry' ? 'Department' : 'Ministry')] : [];
  });
  const alts = [...phrases, ...bodies]
    .map((p) => contentTokens(p).map((t) => t.stem))
    .filter((a) => a.length > 0 && a.length <= 3);
  if (alts.length === 0 && prefixes.length === 0) return undefined;
  return {
    label: phrases[0] ?? prefixes[0]!,
    alts,
    prefixes,
    isEntity: proper !== undefined || /^(nr|ns|nt|nz)$/.test(tag),
    scale: 1,
    translated: true,
  };
}

/**
 * Grammar and quantity words whose dictionary senses mislead a word-by-word rendering
 * (约 "make an appointment" for "about", 比 "Belgium" for "than").
 */
const FUNCTION_GLOSS: Readonly<Record<string, string>> = {
  约: 'about',
  大约: 'about',
  近: 'nearly',
  将近: 'nearly',
  接近: 'nearly',
  比: 'than',
  超过: 'more than',
  逾: 'more than',
  不到: 'less than',
  不足: 'less than',
  例: 'cases',
  批次: 'batches',
  倍: 'times',
  同比: 'year-on-year',
  百分点: 'percentage points',
  个百分点: 'percentage points',
  占比: 'accounting for',
  不等: 'ranging',
};

/**
 * In a document's sentences, a change from one figure to another as English says it ("fell from
 * 90 to 60"), so that its two levels are read as one thing before and after. (Claims keep the
 * dictionary's words: the verdict model is fitted on them.)
 */
const TEXT_GLOSS: Readonly<Record<string, string>> = {
  截至: 'as of',
  截止: 'as of',
  由: 'from',
  从: 'from',
  至: 'to',
  到: 'to',
  下调: 'cut',
  上调: 'raised',
  降至: 'fell to',
  减至: 'fell to',
  增至: 'rose to',
  升至: 'rose to',
  涨至: 'rose to',
  // Who said it, as English says it ("Ada Lin said"): the speaker is then read as in English.
  说: 'said',
  表示: 'said',
  介绍: 'said',
  指出: 'said',
};

/** Currencies as English texts name them after a figure (元 is "yuan", see below). */
const CURRENCY_WORD: Readonly<Record<string, string>> = {
  英镑: 'pounds',
  欧元: 'euros',
  美元: 'dollars',
  日元: 'yen',
  港元: 'Hong Kong dollars',
  港币: 'Hong Kong dollars',
};

/** Words after which a negation bounds a figure ("不超过5万元", not more than): no denial. */
const BOUND_AFTER_NEGATION = /^(超过|低于|少于|高于|多于|大于|小于|足|到)/;

/**
 * A term that also matches its Chinese words, after its English glosses: a Chinese document says
 * it in them (the index segments it as the claim is segmented). English documents never contain
 * them, so nothing changes against those.
 */
const withChinese = (term: ClaimTerm | undefined, words: string[]): ClaimTerm | undefined =>
  term && { ...term, alts: [...term.alts, ...words.map((w) => [w])] };

/**
 * Whether a negation word denies nothing: an A-not-A question ("破不破解", crack or not; "能不能";
 * "有没有"), a bound ("不超过"), or part of a name after 反 ("anti-": 反不正当竞争法).
 */
export function negatesNothing(prev: string, neg: string, next: string): boolean {
  const a = prev.slice(-1);
  if (a && (next.startsWith(a) || neg.slice(1) === a)) return true;
  if (BOUND_AFTER_NEGATION.test(next)) return true;
  return prev === '反';
}

// The enumeration comma and sentence ends; "，" joins the clauses of one Chinese sentence, whose
// figure and what it is of often stand on either side of it, so it is left out.
const CLAUSE_MARK: Record<string, string> = {
  '、': ',',
  '；': ',',
  '。': '.',
  '！': '.',
  '？': '.',
};

/** Turns a Chinese claim into English query words and claim terms, numbers normalised. */
export function translateChinese(
  text: string,
  tools: ChineseTools,
  /** A document's sentence (not a claim): its changes of level are said as English says them. */
  asText = false,
): Translation {
  const normalised = normalizeChineseNumbers(text, asText);
  const english: string[] = [];
  const terms: ClaimTerm[] = [];
  let negations = 0;
  // The index of the last word read as a name.
  let named = -1;
  const tagged = resegment(tools.tag(normalised));
  // Whether the word before was a figure (a measure word, unit or currency may follow it).
  const afterFigure = (): boolean => /\d$/.test(english.at(-1) ?? '');
  for (const [i, { word, tag }] of tagged.entries()) {
    const w = word.trim();
    if (w.length === 0) continue;
    if (/^[\p{P}\p{S}]+$/u.test(w)) {
      // A financial year's dash stays ("2030-31年度"): its two years are one span, as in English.
      // (The words after are looked at only for a dash after a year: most marks are not.)
      const dashAfterYear = /^[-/–—]$/.test(w) && /^(?:19|20)\d\d$/.test(english.at(-1) ?? '');
      const next = dashAfterYear
        ? (tagged
            .slice(i + 1)
            .find((t) => t.word.trim() !== '')
            ?.word.trim() ?? '')
        : '';
      if (dashAfterYear && /^\d\d$/.test(next)) {
        english[english.length - 1] += '-';
        continue;
      }
      // List and sentence marks stay, so a figure's words stop where its item does ("6
      // buildings, 196 households"), as in English text.
      const mark = CLAUSE_MARK[w[0]!];
      if (mark && english.length > 0 && !/[,.]$/.test(english.at(-1)!))
        english[english.length - 1] += mark;
      continue;
    }
    if (!HAN.test(w)) {
      english.push(w);
      // A name in Latin letters ("Quillpad", "ZX7") is written the same in English texts: a term,
      // as in an English claim. Words the number rewriting put in ("the first 3 quarters") are not.
      const stems =
        /[A-Za-z]{2}/.test(w) && text.includes(w) ? contentTokens(w).map((t) => t.stem) : [];
      if (stems.length > 0)
        terms.push({ label: w, alts: [stems], prefixes: [], isEntity: true, scale: 1 });
      continue;
    }
    // After a figure, a measure word (or 多 with one, "700多条": the figure's bound is read already).
    if (afterFigure() && MEASURE_WORD.has(w.replace(/^多/, ''))) continue;
    if (ZH_NEGATION.test(w)) {
      english.push('not');
      if (!negatesNothing(tagged[i - 1]?.word ?? '', w, tagged[i + 1]?.word ?? '')) negations++;
      continue;
    }
    const gloss = FUNCTION_GLOSS[w] ?? (asText ? TEXT_GLOSS[w] : undefined);
    if (gloss) {
      english.push(gloss);
      continue;
    }
    if (ZH_STOP.has(w)) continue;
    // A foreign name written by its sound: no dictionary sense of its pieces ("agree" of 肯), but
    // its sound, met against the documents' English names when the claim is prepared.
    if (tag === 'nrt' && soundsForeign(w)) {
      // Each character's readings, the first as the name is written.
      const readings = [...w].map((ch) => [
        ...new Set(tools.lookup(ch).map((e) => toneless(e.pinyin))),
      ]);
      const label = capitalise(readings.map((r) => r[0] ?? '').join(''));
      terms.push({
        label,
        alts: [[w], [stemWord(label.toLowerCase())]],
        prefixes: [],
        isEntity: true,
        scale: 1,
        translated: true,
        sounds: pinyinSounds(readings),
      });
      english.push(label);
      named = i;
      continue;
    }
    // A currency after a figure, as English texts name it (英镑 "pounds", not the name "Yingbang").
    const currency = CURRENCY_WORD[w];
    if (currency && afterFigure()) {
      const stems = contentTokens(currency).map((t) => t.stem);
      terms.push({
        label: currency,
        alts: [stems, [w]],
        prefixes: [],
        isEntity: false,
        scale: 1,
        translated: true,
      });
      english.push(currency);
      continue;
    }
    const direct = withChinese(termFor(w, tag, tools), [w]);
    // A place's kind after its name (石岚 + 市, cut apart) is said as English says it ("city"),
    // not by its first sense (市 "market", 省 "to save").
    if (direct && named === i - 1 && PLACE_KIND_WORD[w]) {
      terms.push({ ...direct, label: PLACE_KIND_WORD[w] });
      english.push(PLACE_KIND_WORD[w]);
      continue;
    }
    if (direct) {
      if (direct.isEntity) named = i;
      terms.push(ZH_ATTRIBUTION_WORDS.has(w) ? { ...direct, scale: ATTRIBUTION_SCALE } : direct);
      // 元 after a figure is the currency, written as English texts write it: the dictionary's
      // "Yuan" (the dynasty) would read as a name beside every sum.
      english.push(w === '元' && afterFigure() ? 'yuan' : direct.label);
      continue;
    }
    if ((tag === 'nr' || tag === 'x') && w.length >= 2 && w.length <= 3) {
      named = i;
      // The name of a place with its kind (石岚市): English writes the name as one word, then
      // the kind ("Shilan city"), not as a person's surname and given name.
      const place = w.length === 3 ? PLACE_KIND.exec(w) : null;
      // Prefixes are met against a text's words as written; alternatives against their stems.
      const spellings = pinyinSpellings(w, tools);
      const stems = spellings.map(stemWord);
      if (place) {
        const name = capitalise(transliterate(place[1]!, tools).join(''));
        terms.push({
          label: name,
          alts: [...stems.map((s) => [s]), [w]],
          prefixes: spellings,
          isEntity: true,
          scale: 1,
          translated: true,
        });
        english.push(`${name} ${PLACE_KIND_WORD[w.slice(-1)] ?? ''}`.trim());
        continue;
      }
      // A person's name: surname, then the given name written as one word ("Chen Wanlan"); or a
      // firm's or place's name written as one word ("Shilan"): both are met. (Written as one word
      // in the rendering too, short names cost the written claims: measured, not kept.)
      const [surname, ...given] = transliterate(w, tools);
      const givenName = given.join('');
      terms.push({
        label: givenName,
        alts: [[givenName], [w], ...stems.map((s) => [s])],
        prefixes: [givenName, ...spellings],
        isEntity: true,
        scale: 1,
        translated: true,
      });
      // Capitalised as English texts write names, so that the cues reading names (who said it,
      // whose post) read a Chinese claim's too.
      // Before its kind of place (翎港 + 县, cut apart), a place's name: one word ("Shilan county").
      const placeNext = w.length === 2 && PLACE_KIND_WORD[tagged[i + 1]?.word ?? ''] !== undefined;
      english.push(
        placeNext
          ? capitalise(`${surname ?? ''}${givenName}`)
          : `${capitalise(surname ?? '')} ${capitalise(givenName)}`,
      );
      continue;
    }
    for (const part of splitUnknown(w, tools)) {
      if (ZH_STOP.has(part)) continue;
      // A piece is met in Chinese by the whole word (a name the dictionary lacks), or by itself.
      const t = withChinese(termFor(part, tag, tools, true), part.length > 1 ? [part, w] : [w]);
      if (t) {
        terms.push({ ...t, scale: 0.7 });
        english.push(t.label);
      }
    }
  }
  return { english: english.join(' '), terms, negations };
}
