import type { ClaimTerm } from './match/claim-term.js';
import { englishTerms } from './match/english-terms.js';
import type { Lang } from './normalize/index.js';
import { extractQuantities, type Quantity } from './numbers/quantity.js';
import {
  ABSOLUTE,
  ALREADY,
  FUTURE,
  RESTRICTIVE,
  negationCount,
  statesException,
} from './stance/cues.js';
import { statedDirection } from './stance/comparison.js';
import type { Translation } from './zh/translate.js';

/** One claim, ready for retrieval and stance: its terms, numbers and cues. */
export interface AnalyzedClaim {
  /** The claim as the user wrote it (cruft removed, questions turned into statements). */
  text: string;
  /** English text used for retrieval and numbers (a word-by-word translation for Chinese). */
  english: string;
  lang: Lang;
  isQuestion: boolean;
  terms: ClaimTerm[];
  quantities: Quantity[];
  negations: number;
  isAbsolute: boolean;
  /** Says "only" of what it names ("used only in schools"): a text adding more contradicts it. */
  isRestrictive: boolean;
  saysAlready: boolean;
  saysFuture: boolean;
  /** The claim as written and in English (a Chinese claim's rendering): word cues read both. */
  wording: string;
  /** The rise or fall the claim states, read once for every sentence it is judged against. */
  direction: 'up' | 'down' | undefined;
}

/** Analyses an English claim, or a Chinese one through its translation. */
export function analyzeClaim(
  text: string,
  lang: Lang,
  isQuestion: boolean,
  translation?: Translation,
): AnalyzedClaim {
  const english = translation?.english ?? text;
  return {
    text,
    english,
    lang,
    isQuestion,
    terms: translation?.terms ?? englishTerms(text),
    quantities: extractQuantities(english),
    // Chinese negations are single characters inside words (无症状, asymptomatic): count the
    // ones the segmenter kept as words of their own, unless they restrict an exception (除…外).
    negations: translation
      ? statesException(text)
        ? 0
        : translation.negations
      : negationCount(english),
    isAbsolute: ABSOLUTE.test(text),
    isRestrictive: RESTRICTIVE.test(english) || /只有|只用|仅用|唯一/.test(text),
    saysAlready: ALREADY.test(text),
    saysFuture: FUTURE.test(english) || /将|计划|预计|正在|在建|陆续|拟/.test(text),
    wording: `${text} ${english}`,
    direction: statedDirection(lang === 'zh' ? text : english),
  };
}
