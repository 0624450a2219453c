/**
 * Foreign names written in Chinese characters by their sound (艾德洛 for "Ardlow"): a Chinese
 * claim about an English document names its people and places so, and only their sound ties the
 * two. Both sides are reduced to their consonants by kind (the way transliteration tables render
 * them: l and r alike, vowels free, a final English "r" often silent), and a Chinese name meets
 * the English names of the documents whose consonants are its own.
 */

/**
 * Characters of transliterated foreign names (the standard tables' syllables). Words made only of
 * them, which the segmenter tags as a foreign name or cannot place, are read by their sound.
 */
const SOUND_CHARACTERS = new Set(
  `阿埃艾安昂奥巴拜班邦贝本比彼宾波伯博布查达黛丹道德迪蒂丁东杜厄恩尔法范菲费芬丰佛夫弗福伏盖甘冈戈格贡古哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里利莉丽林琳隆卢鲁路伦罗洛马迈麦曼梅门蒙米敏莫默姆穆纳内尼妮纽诺欧帕派潘佩彭皮珀普奇齐乔琼丘萨塞桑森瑟沙莎尚舍圣施什史士斯松苏索塔泰坦汤唐特滕提汀廷通图托瓦旺威韦维温文沃乌伍西希锡夏谢辛休雅亚扬耶伊英尤约泽扎詹兹顿登邓茨怀`,
);

/**
 * Surnames among those characters: a name the segmenter read whole that starts with one (马丽华) is
 * a Chinese name, not a foreign one.
 */
const SURNAMES = new Set(
  `马安丁杜范胡华霍金康柯雷林卢鲁罗梅莫穆潘彭齐乔史苏汤唐温文伍夏谢辛尤詹邓韦贾兰施沙蒙洪甘古`,
);

/** Whether a word the segmenter read as one name is a Chinese one by its surname. */
export const chineseSurname = (word: string): boolean => SURNAMES.has(word.charAt(0));

/** Whether a character is one of those transliterated names are written in. */
export const soundCharacter = (ch: string): boolean => SOUND_CHARACTERS.has(ch);

/** Whether a word is written only in the characters of transliterated names. */
export const soundsForeign = (word: string): boolean =>
  word.length >= 2 && [...word].every(soundCharacter);

/** Pinyin initials by the kind of consonant an English name has there. */
const PINYIN_INITIAL: [RegExp, string][] = [
  [/^(?:zh|ch|sh|[jqxzcs])/, 'S'],
  [/^[bp]/, 'P'],
  [/^[dt]/, 'T'],
  [/^[gk]/, 'K'],
  [/^[fw]/, 'F'],
  [/^[lr]/, 'R'],
  [/^m/, 'M'],
  [/^n/, 'N'],
  [/^h/, 'H'],
];

/** Collapses a consonant said twice in a row ("rr", or l then r): one sound. */
const collapse = (key: string): string => key.replace(/(.)\1+/g, '$1');

/** Drops an "h" inside a name: both writings lose it in clusters (Fernsholm's "sh" is s + h). */
const inner = (key: string): string => key.charAt(0) + key.slice(1).replace(/H/g, '');

/** The consonant key of a name's toneless pinyin syllables ("ai de luo" → "TR"). */
export function pinyinSound(syllables: string[]): string {
  let key = '';
  for (const s of syllables) {
    if (s === 'er') {
      key += 'R';
      continue;
    }
    const initial = PINYIN_INITIAL.find(([re]) => re.test(s));
    if (initial) key += initial[1];
    if (/n$|ng$/.test(s) && s.length > 1) key += 'N';
  }
  return collapse(inner(key));
}

/** Readings tried of a name whose characters have several (什 is "shi" in names, "shen" in 什么). */
const MAX_READINGS = 4;

/** The consonant keys of a name, each character read in each of its readings (a few at most). */
export function pinyinSounds(readings: string[][]): string[] {
  let combos: string[][] = [[]];
  for (const options of readings) {
    if (options.length === 0) continue;
    combos = combos.flatMap((c) => options.map((o) => [...c, o])).slice(0, MAX_READINGS);
  }
  return [...new Set(combos.map(pinyinSound))];
}

const VOWEL = /[aeiouy]/;

/**
 * The consonant keys of an English name: as written, and without an "r" after a vowel before a
 * consonant or at the end ("Kestwater" said "Kestwata", as transliterations write it).
 */
export function englishSounds(name: string): string[] {
  const w = name
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/gh/g, '')
    .replace(/ck/g, 'k')
    .replace(/qu/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/ng(?![aeiouy])/g, 'n')
    .replace(/c(?=[eiy])/g, 's');
  const full: string[] = [];
  const soft: string[] = [];
  for (let i = 0; i < w.length; i++) {
    const ch = w[i]!;
    const prev = w[i - 1] ?? '';
    const next = w[i + 1] ?? '';
    if (VOWEL.test(ch)) continue;
    // "ow", "ew": a vowel.
    if (ch === 'w' && VOWEL.test(prev)) continue;
    const kind =
      'bp'.includes(ch) ? 'P'
      : 'dt'.includes(ch) ? 'T'
      : 'cgkq'.includes(ch) ? 'K'
      : 'fvw'.includes(ch) ? 'F'
      : 'lr'.includes(ch) ? 'R'
      : 'sjz'.includes(ch) ? 'S'
      : ch === 'm' ? 'M'
      : ch === 'n' ? 'N'
      : ch === 'h' ? 'H'
      : ''; // prettier-ignore
    if (!kind) continue;
    full.push(kind);
    const silentR = ch === 'r' && VOWEL.test(prev) && !VOWEL.test(next);
    if (!silentR) soft.push(kind);
  }
  return [...new Set([full.join(''), soft.join('')].map((k) => collapse(inner(k))))];
}
