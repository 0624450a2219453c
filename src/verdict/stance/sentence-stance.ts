import { cutChinese } from '../../index/tokenize.js';
import type { Stance } from '../../types.js';
import type { AnalyzedClaim } from '../claim-analysis.js';
import type { EvidenceSentence } from '../evidence/sentence-store.js';
import { sentenceHasTerm, type Coverage } from '../match/coverage.js';
import type { NumberOutcome } from '../numbers/compare.js';
import { isAmount, type Quantity } from '../numbers/quantity.js';
import { stemWord } from '../text/terms.js';
import {
  ABSOLUTE,
  ADDITIVE,
  debunksBeyond,
  deniesAny,
  EXCEPTION,
  futureAbout,
  saysPart,
  negatesAny,
  negationCount,
  withdrawsLeave,
} from './cues.js';
import {
  chineseOpposite,
  directionReversed,
  levelsDirection,
  statedDirection,
} from './comparison.js';
import { chineseRolesSwapped, handoverReversed, rolesSwapped, speakerSwapped } from './roles.js';
import { postDenied } from './titles.js';

/** Thresholds of the stance rules (settings; see config.ts for their origin). */
export interface StanceThresholds {
  /** Window coverage below which a sentence is off-topic (neutral). */
  topic: number;
  /** In-sentence coverage from which a sentence with no contradiction supports. */
  support: number;
  /** Window coverage from which a contradiction (numbers, negation, quantifier) refutes. */
  refute: number;
}

/** The measured signals of one sentence toward one claim. */
export interface StanceSignals {
  numberConflict: boolean;
  numbersSettled: boolean;
  /** The claim states amounts (not only dates) and the evidence settles every one of them. */
  anchoredByNumbers: boolean;
  negationMismatch: boolean;
  absoluteVsPartial: boolean;
  /** The claim's negation governs a word the sentence says (else it negates something else). */
  claimNegated: boolean;
  doneVsPlanned: boolean;
  debunks: boolean;
  missingEntity: boolean;
  /** The claim says a figure went one way and the sentence the other, read loosely (a model cue). */
  directionOpposed: boolean;
  /** The sentence is a rumor inventory's rumor statement: it reports the rumor, never supports it. */
  isRumorHeading: boolean;
  /** The sentence uses an antonym of a claim word in its place ("hire" / "fire"). */
  antonymSwap: boolean;
  /**
   * The sentence gives two parties the claim names each other's roles ("the dean" / "the
   * chairman"), or the claim's person another post, or the deal or the statement to another party.
   */
  roleSwap: boolean;
}

/** A Chinese sentence as the English cues read it (see the judge's `chineseReading`). */
export interface ChineseSentence {
  /** Its word-by-word English rendering. */
  english: string;
  /** The English senses' stems of one of its words (what an English claim's words meet). */
  senses: (word: string) => readonly string[];
}

const opposite = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a !== b;

/** Reads the stance signals of a sentence (with its window text) toward a claim. */
export function stanceSignals(
  claim: AnalyzedClaim,
  sentence: EvidenceSentence,
  cov: Coverage,
  numbers: NumberOutcome[],
  docWords?: { stems: Set<string>; words: string[] },
  isRumorHeading = false,
  /** The sentence with its neighbours: two parties' roles are often given a sentence apart. */
  window = sentence.text,
  /** A Chinese sentence's English reading: an English claim's words meet its words' senses. */
  chinese?: ChineseSentence,
  /** The sentence's figures (a Chinese one's read in its English rendering). */
  figures: readonly Quantity[] = [],
): StanceSignals {
  const text = sentence.text;
  // Levels the text gives with their earlier ones say which way a thing went more surely than
  // its verbs, which may be of another thing the sentence reports. Read only for a claim that
  // says a way (most do not).
  const way =
    claim.direction &&
    (levelsDirection(figures, new Set(claim.terms.flatMap((t) => t.alts.flat()))) ??
      statedDirection(text));
  const said = new Set(cov.matched.flatMap((t) => t.alts.flat()));
  const senses = claim.lang === 'zh' ? undefined : chinese?.senses;
  const negE = negatesAny(text, said, stemWord, senses);
  // The claim's negation counts when it governs a word the sentence says: "buses are free, you
  // need not pay" says nothing negated to a sentence about free buses.
  const negC = claim.negations > 0 && negatesAny(claim.text, said, stemWord);
  return {
    numberConflict: numbers.some((n) => n.status === 'conflict'),
    numbersSettled: numbers.every((n) => n.status === 'match' || n.status === 'derived'),
    anchoredByNumbers:
      numbers.some((n) => isAmount(n.claim)) &&
      numbers.every((n) => n.status === 'match' || n.status === 'derived'),
    // A claim's negation against a sentence negating its own wording of it ("is not permitted"
    // against "is not authorised") is one statement in two wordings, not a denial.
    negationMismatch:
      (negE !== negC && !(negC && negationCount(text) > 0)) ||
      withdrawsLeave(claim.wording, text, said, stemWord),
    claimNegated: negC,
    absoluteVsPartial:
      (claim.isAbsolute && ((saysPart(text) && !ABSOLUTE.test(text)) || EXCEPTION.test(text))) ||
      (claim.isRestrictive && ADDITIVE.test(text)),
    doneVsPlanned:
      claim.saysAlready && !claim.saysFuture && futureAbout(text, said, stemWord, senses),
    debunks: !(negC && deniesAny(claim.text, said, stemWord)) && debunksBeyond(claim.wording, text),
    missingEntity: cov.missing.some(
      (t) => t.isEntity && !(docWords !== undefined && sentenceHasTerm(docWords, t)),
    ),
    directionOpposed: opposite(claim.direction, way),
    isRumorHeading,
    roleSwap:
      rolesSwapped(claim.english, window) ||
      postDenied(claim.english, window) ||
      handoverReversed(claim.english, text) ||
      speakerSwapped(claim.english, text) ||
      (claim.lang === 'zh' && chinese !== undefined && chineseRolesSwapped(claim.text, text)) ||
      // An English claim's speaker against a Chinese sentence's, read in its English rendering.
      (claim.lang === 'en' &&
        chinese !== undefined &&
        speakerSwapped(claim.english, chinese.english)),
    antonymSwap:
      antonymSwapped(claim, sentence) ||
      directionReversed(claim.english, chinese?.english ?? text) ||
      (claim.lang === 'zh' &&
        chinese !== undefined &&
        chineseOpposite(cutChinese(claim.text), cutChinese(text))),
  };
}

/**
 * Words that say which one, not what it is like: places in a sequence ("first" against "second"
 * is a rank, which the numbers compare), and a new thing beside an old one or a half of a whole,
 * which texts state side by side ("trade in the old fridge for a new one").
 */
const WHICH_ONE = /^(first|second|third|fourth|fifth|last|final|next|previous|new|old|half|whole)$/;

/**
 * Whether the sentence uses an antonym of a claim word in its place ("hire" / "fire"): not one
 * the claim itself also says ("hands in an old TV for a new one"), nor one the sentence negates
 * into the claim's word ("non-public" is "private").
 */
function antonymSwapped(claim: AnalyzedClaim, sentence: EvidenceSentence): boolean {
  const claimStems = new Set(claim.terms.flatMap((t) => t.alts.flat()));
  const lower = sentence.text.toLowerCase();
  return claim.terms.some(
    (t) =>
      !WHICH_ONE.test(t.label.toLowerCase()) &&
      !sentenceHasTerm(sentence, t) &&
      t.antonyms?.some(
        (a) =>
          sentence.stems.has(a) &&
          !claimStems.has(a) &&
          !new RegExp(`\\b(?:non|un|in|dis)-?${a}`).test(lower),
      ) === true,
  );
}

/** The stance of a sentence, and the reasons that decided it. */
export function sentenceStance(
  signals: StanceSignals,
  cov: Coverage,
  t: StanceThresholds,
): { stance: Stance; reasons: string[] } {
  if (cov.inWindow < t.topic) return { stance: 'neutral', reasons: ['off-topic'] };
  const reasons: string[] = [];
  if (cov.inWindow >= t.refute) {
    // Figures and debunking words contradict by themselves; a negation, quantifier, tense or
    // antonym only when the sentence itself says most of the claim (else it negates something else).
    const saysClaim = cov.inSentence >= t.topic;
    if (signals.numberConflict) reasons.push('number-conflict');
    if (signals.debunks) reasons.push('debunk');
    if (saysClaim && signals.negationMismatch) reasons.push('negation');
    if (saysClaim && signals.absoluteVsPartial) reasons.push('absolute-vs-partial');
    if (saysClaim && signals.doneVsPlanned) reasons.push('done-vs-planned');
    if (saysClaim && signals.antonymSwap) reasons.push('antonym');
    if (saysClaim && signals.roleSwap) reasons.push('role-swap');
    if (reasons.length > 0) return { stance: 'refutes', reasons };
  }
  if (signals.isRumorHeading) return { stance: 'neutral', reasons: ['rumor-statement'] };
  if (cov.inSentence >= t.support && signals.numbersSettled && !signals.missingEntity) {
    return { stance: 'supports', reasons: ['covered'] };
  }
  // Matching amounts are specific: on-topic text that states all of them supports the claim.
  if (signals.anchoredByNumbers && !signals.missingEntity) {
    return { stance: 'supports', reasons: ['numbers-match'] };
  }
  return { stance: 'neutral', reasons: ['unstated'] };
}
