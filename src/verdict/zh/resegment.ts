/**
 * Repairs of the segmenter's cuts before a Chinese text is read word by word: where jieba, facing
 * a word it does not know, glues grammar to it or cuts a word in two.
 */

import { chineseSurname, soundCharacter } from './sounds.js';

/**
 * Measure words, which say nothing after a figure but that it counts ("125件" is 125 of what the
 * sentence names, not "125 item"; "30名" not "30 name"). Units with meaning of their own stay
 * (元 yuan, 人 people, 户 households, 次 times, 例 cases, 岁, 年, 天).
 */
export const MEASURE_WORD = new Set(
  `件 条 家 起 宗 名 位 项 座 辆 台 部 只 头 匹 张 份 所 间 栋 幢 套 架 艘 枚 颗 株 棵 篇 封 本 册 支 根 处 款 个`.split(
    /\s+/,
  ),
);

export type Tagged = { word: string; tag: string }[];

/**
 * A unit the segmenter fused with the word after it ("300元至5千元" cut as 300 / 元至 / 5千元):
 * the unit, then the word.
 */
function splitUnits(tagged: Tagged): Tagged {
  return tagged.flatMap((t, i) =>
    t.tag === 'x' &&
    t.word.length === 2 &&
    /\d$/.test(tagged[i - 1]?.word ?? '') &&
    (t.word[0] === '元' || MEASURE_WORD.has(t.word[0]!))
      ? [
          { word: t.word[0]!, tag: 'q' },
          { word: t.word[1]!, tag: 'x' },
        ]
      : [t],
  );
}

/** Words of comparison and size the segmenter glues together when it cannot place them (多约). */
const SIZE_WORDS = /^[多少约近比高低]{2}$/;
/** A glued pair of such words, as its two words ("多约30艘", "more by about 30"). */
const splitSizeWords = (tagged: Tagged): Tagged =>
  tagged.flatMap((t) =>
    t.tag === 'x' && SIZE_WORDS.test(t.word)
      ? [...t.word].map((word) => ({ word, tag: 'd' }))
      : [t],
  );

/**
 * Words the segmenter cuts in two whose pieces mislead: 占比 ("share") is no 占 + 比 ("than"), and
 * "300元至5千元不等" (ranging from) no 不 + 等 ("not" + "etc.").
 */
const JOINED: Readonly<Record<string, string>> = { 占比: '占比', 不等: '不等' };
/** Grammar words a wrong cut may leave over after such a word (比, "than"). */
const LEFT_OVER = new Set(['比', '约', '近']);
function joinedWords(tagged: Tagged): Tagged {
  const out: Tagged = [];
  for (let i = 0; i < tagged.length; i++) {
    const next = tagged[i + 1]?.word ?? '';
    // 占比比去年 cut as 占 / 比比: the word, then the 比 ("than") left over.
    const head = tagged[i]!.word + next.slice(0, 1);
    if (JOINED[head] && next.length === 2 && LEFT_OVER.has(next.slice(1))) {
      out.push({ word: JOINED[head], tag: 'v' }, { word: next.slice(1), tag: 'p' });
      i++;
      continue;
    }
    const pair = tagged[i]!.word + next;
    // 不等于 ("not equal to") is cut 不 + 等于, and stays a negation.
    if (JOINED[pair]) {
      out.push({ word: JOINED[pair], tag: 'v' });
      i++;
    } else out.push(tagged[i]!);
  }
  return out;
}

/**
 * A negation glued to a verb of change or state the segmenter cannot place (没涨, "did not rise";
 * 未变): read as a name ("Mei Zhang") it would hide the denial.
 */
const NEGATED_VERB = /^[没未][涨降增减升跌变停动改]$/;
const splitNegations = (tagged: Tagged): Tagged =>
  tagged.flatMap((t) =>
    t.tag === 'x' && NEGATED_VERB.test(t.word)
      ? [
          { word: t.word[0]!, tag: 'd' },
          { word: t.word[1]!, tag: 'v' },
        ]
      : [t],
  );

/**
 * Tags of a word that may be a given name after a surname the segmenter cut off alone (葛 + 明哲,
 * "Ge Mingzhe"; 喻 + 春风): nouns, adverbs, adjectives, names, unknown words; not verbs, particles or
 * words of place and time, which begin the rest of the sentence.
 */
const GIVEN_NAME_TAG = /^(n|ng|nr|nrt|nz|ns|x|d|a|ag|b|j|zg)$/;
const HAN_WORD = /^\p{Script=Han}{1,2}$/u;
/** Verbs that give a statement to the name before them (介绍, "said"). */
const SPEECH_VERB = /^(说|表示|介绍|指出|透露|认为|强调)$/;
/**
 * A surname the segmenter left alone, joined to the given name after it; and a name it cut
 * before its last character (柯成 + 哲) where a verb of speech follows.
 */
function joinedNames(tagged: Tagged): Tagged {
  const out: Tagged = [];
  for (let i = 0; i < tagged.length; i++) {
    const t = tagged[i]!;
    const next = tagged[i + 1];
    const cutName =
      t.tag === 'x' &&
      t.word.length === 2 &&
      next?.word.length === 1 &&
      SPEECH_VERB.test(tagged[i + 2]?.word ?? '');
    if (
      next &&
      HAN_WORD.test(next.word) &&
      GIVEN_NAME_TAG.test(next.tag) &&
      ((t.tag === 'nr' && t.word.length === 1) || cutName)
    ) {
      out.push({ word: t.word + next.word, tag: 'nr' });
      i++;
    } else out.push(t);
  }
  return out;
}

/** Tags of names, and of words the segmenter cannot place: the pieces a foreign name is cut into. */
const NAME_PIECE_TAG = /^(?:nrt|nr|nrfg|ns|nz|x)$/;

/**
 * A foreign name written by its sound, cut into pieces (布拉 / 肯 "agree" / 维尔, pieces with
 * dictionary senses of their own): one word, tagged as a transliterated name. Pieces written
 * only in the characters of such names are joined when one is taken for a name and they make three
 * characters or more from two pieces or more; a Chinese name the segmenter read whole stays one.
 */
function joinedSounds(tagged: Tagged): Tagged {
  const out: Tagged = [];
  for (let i = 0; i < tagged.length; i++) {
    let j = i;
    while (j < tagged.length && [...tagged[j]!.word].every(soundCharacter)) j++;
    // The longest run of pieces written only in such characters, from here.
    const run = tagged.slice(i, j);
    const word = run.map((t) => t.word).join('');
    const named = run.some((t) => NAME_PIECE_TAG.test(t.tag));
    const foreign =
      run.some((t) => t.tag === 'nrt') ||
      (run.length >= 2 && word.length >= 3) ||
      word.length >= 4 ||
      (word.length === 3 && run[0]!.tag === 'nr' && !chineseSurname(word));
    if (word.length >= 2 && named && foreign) {
      out.push({ word, tag: 'nrt' });
      i = j - 1;
    } else out.push(tagged[i]!);
  }
  return out;
}

/** A tagged text with the segmenter's known mis-cuts repaired. */
export const resegment = (tagged: Tagged): Tagged =>
  joinedNames(joinedSounds(joinedWords(splitSizeWords(splitNegations(splitUnits(tagged))))));
