/**
 * Questions people ask about a rumor ("Is it true that …?", "Did …?", "…吗？") carry the claim
 * they ask about; checking that claim answers the question.
 */

const ASKING_PREFIX =
  /^(so\s+)?(is\s+it\s+(really\s+|actually\s+)?(true|a\s+fact|correct|right)|i\s+(heard|read|saw)|someone\s+(said|told\s+me)|they\s+say|people\s+say|is\s+this\s+true\s*[:,]?)\s*,?\s*(that\b\s*,?\s*)?/i;
const AUXILIARY_START =
  /^(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)\s+/i;
const ZH_PREFIX = /^(请问|听说|据说|网传|有人说|是真的吗[，,：:]?)/;
const ZH_SUFFIX = /(是真的吗|是不是真的|对吗|吗|么|呢|嘛)?\s*[？?]*\s*$/;

export interface Question {
  claim: string;
  isQuestion: boolean;
}

/** The claim a question asks about (unchanged when the text is not a question). */
export function questionToClaim(text: string, lang: 'en' | 'zh'): Question {
  const trimmed = text.trim();
  if (lang === 'zh') {
    const isQuestion = /[？?]\s*$|吗\s*[。]?$/.test(trimmed) || ZH_PREFIX.test(trimmed);
    if (!isQuestion) return { claim: trimmed, isQuestion };
    // "是否" (whether) marks the asked-about point only in a question; in a statement it is content.
    const claim = trimmed
      .replace(ZH_PREFIX, '')
      .replace(ZH_SUFFIX, '')
      .replace(/是否|是不是/g, '')
      .trim();
    return { claim: claim.length > 0 ? claim : trimmed, isQuestion };
  }
  const isQuestion = /\?\s*$/.test(trimmed) || ASKING_PREFIX.test(trimmed);
  if (!isQuestion) return { claim: trimmed, isQuestion };
  let claim = trimmed.replace(/\?+\s*$/, '').trim();
  const prefixed = claim.replace(ASKING_PREFIX, '');
  claim = prefixed !== claim ? prefixed : claim.replace(AUXILIARY_START, '');
  claim = claim.trim();
  if (claim.length === 0) return { claim: trimmed, isQuestion };
  return { claim: claim[0]!.toUpperCase() + claim.slice(1) + '.', isQuestion };
}
