/**
 * The claims of a message, split only where it really holds several. A forwarded rumor usually
 * comes wrapped: a hearsay frame ("I heard", "听说"), the reader's ask ("Is this true?", "是真的吗")
 * and often a worried question ("Is coffee safe?"). None of these is a claim: the claim is the
 * rumor. Two assertions about different things stay two claims.
 */
import { isFrameOnly, stripHearsay } from './hearsay.js';
import type { Lang } from './language.js';
import { isQuestionText, questionToClaim, worrySubject } from './question.js';
import { isReaction, stripReactionClauses, topicKeys } from './reaction.js';
import { clauses, isClaimLike, isCommand } from './split-claims.js';

export interface NormalizedClaim {
  /** The claim as a statement, cruft removed. */
  text: string;
  /** Whether the user asked it as a question. */
  isQuestion: boolean;
}

/** One clause of a message that may carry a claim. */
interface Part {
  /** The clause without hearsay frames and reaction clauses. */
  text: string;
  question: boolean;
  /** The reader speaking of themselves ("My son drinks coffee daily"): a claim only if alone. */
  personal: boolean;
}

/** A question at most this general (topic words, or Chinese characters) may be a mere worry. */
const GENERAL_EN_WORDS = 3;
const GENERAL_ZH_CHARS = 6;

const EN_PERSONAL = /^(i|i'm|i've|i'd|i'll|my|we|we're|we've|our|me)\b/i;
const ZH_PERSONAL = /^(我|我们|我家)/;

/** A statement opening on a pronoun, which a worried question next to it can name. */
const EN_PRONOUN_START = /^(it|this|that|they|these|those)\s+(?!is\s|was\s|'s\s)/i;

function capitalize(text: string, lang: Lang): string {
  return lang === 'en' && text.length > 0 ? text[0]!.toUpperCase() + text.slice(1) : text;
}

/** The clause as a part, or undefined when it is no claim at all; `asked` records an ask. */
function toPart(clause: string, lang: Lang, ask: { asked: boolean }): Part | undefined {
  if (isFrameOnly(clause, lang)) return undefined;
  if (isReaction(clause, lang)) {
    ask.asked = true;
    return undefined;
  }
  let text = clause;
  // Frames and asks can nest ("真的吗，听说X", "I heard X, is this true?"): peel both twice.
  for (let round = 0; round < 2; round++) {
    const unasked = stripReactionClauses(text, lang);
    if (unasked.asked) ask.asked = true;
    text = stripHearsay(unasked.text, lang).text;
  }
  if (text.length === 0 || isFrameOnly(text, lang)) return undefined;
  if (isReaction(text, lang)) {
    ask.asked = true;
    return undefined;
  }
  if (isCommand(text, lang) || !isClaimLike(text, lang)) return undefined;
  return {
    text: text === clause ? text : capitalize(text, lang),
    question: isQuestionText(text, lang),
    personal: (lang === 'zh' ? ZH_PERSONAL : EN_PERSONAL).test(text),
  };
}

function sharesTopic(a: string, b: string, lang: Lang): boolean {
  const keys = topicKeys(b, lang);
  for (const k of topicKeys(a, lang)) if (keys.has(k)) return true;
  return false;
}

/** Whether a question names no specific detail of its own: few topic words and no figures. */
function isGeneral(question: string, lang: Lang): boolean {
  if (/\d/.test(question)) return false;
  const keys = topicKeys(question, lang);
  if (lang === 'zh') return keys.size + 1 <= GENERAL_ZH_CHARS;
  return keys.size <= GENERAL_EN_WORDS;
}

/**
 * Which questions are the reader's worry about a rumor stated beside them, not claims of their
 * own: a question sharing a topic with a stated rumor, or a general question ("Is coffee safe?")
 * next to one (directly, or through other such questions).
 */
function worries(parts: Part[], lang: Lang): boolean[] {
  const rumors = parts.filter((p) => !p.question && !p.personal);
  const worry = parts.map(() => false);
  const besideRumor = (i: number) => {
    const p = parts[i];
    return p !== undefined && ((!p.question && !p.personal) || worry[i]!);
  };
  for (let changed = true; changed;) {
    changed = false;
    parts.forEach((p, i) => {
      if (!p.question || worry[i]) return;
      const related = rumors.some((r) => sharesTopic(p.text, r.text, lang));
      const general = worrySubject(p.text, lang) !== undefined || isGeneral(p.text, lang);
      if (related || (general && (besideRumor(i - 1) || besideRumor(i + 1)))) {
        worry[i] = true;
        changed = true;
      }
    });
  }
  return worry;
}

/** A rumor opening on a pronoun with the subject of the worried question beside it. */
function nameSubject(statement: string, subject: string, lang: Lang): string {
  if (lang === 'zh') return statement.replace(/它们|它/, subject);
  return statement.replace(EN_PRONOUN_START, () => capitalize(subject, lang) + ' ');
}

function dedupe(claims: NormalizedClaim[]): NormalizedClaim[] {
  const seen = new Set<string>();
  return claims.filter((c) => {
    const key = c.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The claims of one cleaned message, in order; never none (the whole text when nothing fits). */
export function messageClaims(text: string, lang: Lang): NormalizedClaim[] {
  const ask = { asked: false };
  const parts = clauses(text, lang)
    .map((c) => toPart(c, lang, ask))
    .filter((p): p is Part => p !== undefined);
  const worry = worries(parts, lang);
  const asked = ask.asked || worry.some(Boolean);
  const claims: NormalizedClaim[] = [];
  const personal: NormalizedClaim[] = [];
  parts.forEach((p, i) => {
    if (worry[i]) return;
    if (p.question) {
      const q = questionToClaim(p.text, lang);
      claims.push({ text: q.claim, isQuestion: true });
      return;
    }
    // The subject of a worried question right before (or after) names the rumor's pronoun.
    const beside = [i - 1, i + 1].find((j) => worry[j] && worrySubject(parts[j]!.text, lang));
    const subject = beside === undefined ? undefined : worrySubject(parts[beside]!.text, lang);
    const claimText = subject ? nameSubject(p.text, subject, lang) : p.text;
    (p.personal ? personal : claims).push({ text: claimText, isQuestion: asked });
  });
  if (claims.length > 0) return dedupe(claims);
  if (personal.length > 0) return dedupe(personal);
  // Nothing to check but an ask ("Is this true?") or cruft: the text itself, for the checker to
  // answer that it found nothing.
  const whole = isReaction(text, lang)
    ? { claim: text.trim(), isQuestion: true }
    : questionToClaim(text, lang);
  return [{ text: whole.claim, isQuestion: whole.isQuestion }];
}
