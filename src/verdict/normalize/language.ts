export type Lang = 'en' | 'zh';

/** 'zh' when Han characters make up a good share of the letters, else 'en'. */
export function detectLanguage(text: string): Lang {
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  // A Han character carries about a word; an English word is about five letters.
  return han > 0 && han * 5 >= latin * 0.5 ? 'zh' : 'en';
}
