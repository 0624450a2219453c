/**
 * Questions people ask about a rumor ("Is it true that …?", "Did …?", "…吗？") carry the claim
 * they ask about; checking that claim answers the question.
 */
import type { Lang } from './language.js';

const ASKING_PREFIX =
  /^(so\s+)?(is\s+it\s+(really\s+|actually\s+)?(true|a\s+fact|correct|right)|is\s+this\s+true\s*[:,]?)\s*,?\s*(that\b\s*,?\s*)?/i;
const AUXILIARY_START =
  /^(did|does|do|is|are|was|were|has|have|had|can|could|will|would|should|may|might|must)\s+/i;
const ZH_PREFIX = /^(请问|是真的吗[，,：:]?)/;
const ZH_SUFFIX = /(是真的吗|是不是真的|对吗|吗|么|呢|嘛)?\s*[？?]*\s*$/;

/** Judgements a worried reader asks about: "Is X safe?", "Are X bad for you?". */
const EVALUATIVE = String.raw`(?:safe|unsafe|dangerous|healthy|unhealthy|harmful|toxic|poisonous|deadly|lethal|bad|good|ok|okay|fine|risky|carcinogenic|addictive|contagious|edible|legal|illegal|banned)`;
const EN_WORRY = new RegExp(
  String.raw`^(is|are|was|were)\s+(.+?)\s+((?:really|actually|still|even|completely|totally)\s+)?(${EVALUATIVE}(?:\s+(?:to|for|in|during|with|after|at|on)\b.*)?)$`,
  'i',
);
const EN_WORRY_TO =
  /^(?:is|are)\s+it\s+(?:really\s+|actually\s+|still\s+)?(?:safe|ok|okay|fine|dangerous|bad|healthy|harmful|risky)\s+to\s+(?:eat|drink|use|take|give|wear|feed|have|buy|consume|cook|microwave|drive|visit)\s+(.+?)(?:\s+(?:for|to|during|if|when|while|with|after|every|at|in)\b.*)?$/i;
const ZH_WORRY =
  /^(.+?)(?:真的|是否|到底|还|会不会|是不是|对身体)?(?:安全|有害|有毒|健康|危险|能吃|能喝|可以吃|可以喝|靠谱|有问题|有害吗|不安全)(?:吗|么|嘛|不)?[？?]*$/;

const PRONOUN_SUBJECT = /^(it|this|that|they|these|those|he|she|we|you)$/i;

/** Past participles that, after the subject, start the predicate: "Is X banned in …". */
const PARTICIPLES = new Set(
  'made done known given taken shown born built sold seen grown hidden found written used'.split(
    ' ',
  ),
);
const NOT_PARTICIPLE = new Set(['hundred', 'kindred', 'sacred', 'naked', 'wicked', 'beloved']);

export interface Question {
  claim: string;
  isQuestion: boolean;
}

/** Whether a sentence is asked as a question. */
export function isQuestionText(text: string, lang: Lang): boolean {
  const t = text.trim();
  if (lang === 'zh') return /[？?]\s*$|吗\s*[。]?$/.test(t) || ZH_PREFIX.test(t);
  return /\?\s*$/.test(t) || ASKING_PREFIX.test(t);
}

/**
 * What a worried question is about: "Is Brand X tea safe?" → "Brand X tea",
 * "Is it safe to eat raw eggs?" → "raw eggs", "某品牌奶茶安全吗？" → "某品牌奶茶". Undefined for
 * other questions and for a subject that is only a pronoun.
 */
export function worrySubject(text: string, lang: Lang): string | undefined {
  const t = text
    .trim()
    .replace(/[?？]+$/, '')
    .trim();
  if (lang === 'zh') {
    const m = ZH_WORRY.exec(text.trim());
    const subject = m?.[1]?.replace(/^(请问|那|那么)/, '');
    return subject && subject.length >= 2 && !/^(这|那|它)/.test(subject) ? subject : undefined;
  }
  const to = EN_WORRY_TO.exec(t);
  if (to) return to[1]!.trim();
  const m = EN_WORRY.exec(t);
  if (!m || PRONOUN_SUBJECT.test(m[2]!.trim())) return undefined;
  return m[2]!.trim();
}

/** Whether a word can open the predicate after a subject: an article or a past participle. */
function opensPredicate(word: string): boolean {
  const w = word.toLowerCase();
  if (w === 'a' || w === 'an' || PARTICIPLES.has(w)) return true;
  return /^[a-z]{3,}ed$/.test(w) && !/eed$/.test(w) && !NOT_PARTICIPLE.has(w);
}

/**
 * A yes/no question with "is/are/was/were" as a statement, when the subject's end can be told:
 * "Is coffee safe?" → "coffee is safe", "Is Bill Gates a billionaire?" → "Bill Gates is a
 * billionaire", "Is there lead in lipstick?" → "there is lead in lipstick". Undefined otherwise.
 */
function copulaStatement(question: string): string | undefined {
  const m = /^(is|are|was|were)\s+(.+)$/i.exec(question);
  if (!m) return undefined;
  const verb = m[1]!.toLowerCase();
  const rest = m[2]!;
  const expletive = /^(it|there)\s+(.+)$/i.exec(rest);
  if (expletive) return `${expletive[1]} ${verb} ${expletive[2]}`;
  const worry = EN_WORRY.exec(question);
  if (worry) return `${worry[2]} ${verb} ${worry[3] ?? ''}${worry[4]}`;
  const words = rest.split(/\s+/);
  const at = words.findIndex((w, i) => i > 0 && opensPredicate(w));
  if (at < 0) return undefined;
  return [...words.slice(0, at), verb, ...words.slice(at)].join(' ');
}

/** The claim a question asks about (unchanged when the text is not a question). */
export function questionToClaim(text: string, lang: Lang): Question {
  const trimmed = text.trim();
  const isQuestion = isQuestionText(trimmed, lang);
  if (!isQuestion) return { claim: trimmed, isQuestion };
  if (lang === 'zh') {
    // "是否" (whether) marks the asked-about point only in a question; in a statement it is content.
    const claim = trimmed
      .replace(ZH_PREFIX, '')
      .replace(ZH_SUFFIX, '')
      .replace(/是否|是不是/g, '')
      .replace(/[，,：:]+$/, '')
      .trim();
    return { claim: claim.length > 0 ? claim : trimmed, isQuestion };
  }
  let claim = trimmed.replace(/\?+\s*$/, '').trim();
  const prefixed = claim.replace(ASKING_PREFIX, '');
  claim =
    prefixed !== claim ? prefixed : (copulaStatement(claim) ?? claim.replace(AUXILIARY_START, ''));
  claim = claim.trim();
  if (claim.length === 0) return { claim: trimmed, isQuestion };
  return { claim: claim[0]!.toUpperCase() + claim.slice(1) + '.', isQuestion };
}
