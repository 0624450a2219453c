import type { OcrLanguage } from './trained-data.js';

/** The language of a screenshot's text, as reported in `ocr.lang`. */
export type ImageLanguage = 'en' | 'zh' | 'mixed';

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;
/** One Han character carries about as much as a short English word; count it as 3 letters. */
const HAN_WEIGHT = 3;
/** Weighted share of Han at or above which the text is Chinese (at or below 1 - it, English). */
const ONE_SCRIPT_SHARE = 0.8;

/** Han characters and Latin letters in a text. */
export function scriptCounts(text: string): { han: number; latin: number } {
  return { han: text.match(HAN)?.length ?? 0, latin: text.match(LATIN)?.length ?? 0 };
}

/** English, Chinese or both, from the scripts of what a first pass read. */
export function pickLanguage(text: string): ImageLanguage {
  const { han, latin } = scriptCounts(text);
  const weighted = han * HAN_WEIGHT;
  if (weighted + latin === 0) return 'en';
  const share = weighted / (weighted + latin);
  if (share >= ONE_SCRIPT_SHARE) return 'zh';
  if (share <= 1 - ONE_SCRIPT_SHARE) return 'en';
  return 'mixed';
}

/** The tesseract models for a picked language, among those configured. */
export function modelsFor(lang: ImageLanguage, configured: readonly OcrLanguage[]): OcrLanguage[] {
  const wanted: OcrLanguage[] =
    lang === 'en' ? ['eng'] : lang === 'zh' ? ['chi_sim'] : ['eng', 'chi_sim'];
  return wanted.filter((l) => configured.includes(l));
}
