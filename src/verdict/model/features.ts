import type { Verdict } from '../../types.js';
import type { AnalyzedClaim } from '../claim-analysis.js';
import type { SentenceStore } from '../evidence/sentence-store.js';
import { sentenceHasTerm } from '../match/coverage.js';
import type { ClaimTerm } from '../match/claim-term.js';
import type { Judgement, SentenceJudgement } from '../stance/judge.js';
import { hasCjk } from '../../index/tokenize.js';
import { isAmount } from '../numbers/quantity.js';
import { debunksBeyond } from '../stance/cues.js';
import {
  changeReversed,
  chineseComparisonRank,
  comparisonRank,
  figuresRank,
  type Rank,
} from '../stance/comparison.js';

/**
 * Claim–evidence alignment features read by the verdict model. Each feature belongs to a group,
 * so that training can switch whole groups off (ablations). Values are in about [0, 1] or small
 * counts; the model standardises them.
 */
export const FEATURE_GROUPS = {
  alignment: ['best_support', 'best_refute', 'support_margin'],
  coverage: [
    'cov_sentence',
    'cov_window',
    'cov_sentence_max3',
    'cov_gap',
    'relevance',
    'uncovered_weight',
    'doc_missing_weight',
  ],
  encoder: ['dense', 'dense_top'],
  numbers: [
    'num_claim',
    'num_match_share',
    'num_derived',
    'num_conflict',
    'num_conflict_covered',
    'num_conflict_computed',
    'num_missing_share',
    'num_other_time',
    'date_conflict',
    'anchored',
  ],
  entity: ['missing_entity', 'missing_entity_weight', 'missing_other_weight', 'entity_terms'],
  cues: [
    'negation_mismatch',
    'negation_covered',
    'absolute_vs_partial',
    'done_vs_planned',
    'antonym',
    'role_swap',
    'claim_negated',
    'claim_absolute',
    'comparison_reversed',
    'comparison_agrees',
    'direction_opposed',
  ],
  debunk: ['debunks', 'debunk_window', 'rumor_heading', 'rumor_answered'],
  claim: ['is_question', 'is_zh', 'term_count', 'translated_unseen'],
  rule: ['rule_supports', 'rule_refutes'],
} as const;

export type FeatureGroup = keyof typeof FEATURE_GROUPS;
export type FeatureName = (typeof FEATURE_GROUPS)[FeatureGroup][number];
export const FEATURE_NAMES: readonly FeatureName[] = Object.values(FEATURE_GROUPS).flat();

export type FeatureVector = Record<FeatureName, number>;

/** What the features are read from: the analysed claim and the judge's ranked sentences. */
export interface FeatureInput {
  claim: AnalyzedClaim;
  weights: number[];
  judgement: Judgement;
  store: SentenceStore;
  /** Dense similarity of the claim to each retrieved passage row (absent for pairs). */
  dense?: ReadonlyMap<number, number>;
}

/** Sentences whose features are pooled: the most relevant few. */
const TOP = 3;

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const share = (part: number, total: number): number => (total > 0 ? part / total : 0);
const flag = (b: boolean | undefined): number => (b ? 1 : 0);

/**
 * What the contenders say of each figure of the claim: settled (matched or derived) when any
 * on-topic sentence settles it, in conflict only when none does and an on-topic sentence states
 * another value for the same thing (other figures of an article are not contradictions).
 */
function numberFeatures(j: SentenceJudgement | undefined, contenders: SentenceJudgement[]) {
  const top = j?.cov.inWindow ?? 0;
  const onTopic = contenders.filter((s) => s.cov.inWindow >= 0.6 * top);
  const outcomes = (i: number) => onTopic.map((s) => s.numbers[i]).filter((n) => n !== undefined);
  const figures = (j?.numbers ?? []).map((n, i) => ({ kind: n.claim.kind, all: outcomes(i) }));
  const settled = (f: (typeof figures)[number]) =>
    f.all.some((n) => n.status === 'match' || n.status === 'derived');
  const conflicted = (f: (typeof figures)[number]) =>
    !settled(f) && f.all.some((n) => n.status === 'conflict');
  const amounts = figures.filter(isAmount);
  const dates = figures.filter((f) => !isAmount(f));
  const conflictCoverage = Math.max(
    0,
    ...onTopic
      .filter((s) => s.numbers.some((n) => n.status === 'conflict'))
      .map((s) => s.cov.inWindow),
  );
  const anyConflict = amounts.some(conflicted);
  // The text's own figures worked out against the claim's relation ("about twice as fast" against
  // 45 and 9 minutes): a near miss seldom states a relation the text's figures give otherwise.
  const computedConflict = amounts.some(
    (f) => conflicted(f) && f.all.some((n) => n.status === 'conflict' && n.computation),
  );
  return {
    num_claim: Math.min(3, amounts.length),
    num_match_share: share(amounts.filter(settled).length, amounts.length),
    num_derived: flag(
      amounts.some(
        (f) =>
          f.all.some((n) => n.status === 'derived') && !f.all.some((n) => n.status === 'match'),
      ),
    ),
    num_conflict: flag(anyConflict),
    num_conflict_covered: anyConflict ? conflictCoverage : 0,
    num_conflict_computed: flag(computedConflict),
    num_missing_share: share(
      amounts.filter((f) => !settled(f) && !conflicted(f)).length,
      amounts.length,
    ),
    // The text gives the figure only for another year or day: a near miss, not a contradiction.
    num_other_time: flag(
      amounts.some((f) => !settled(f) && !conflicted(f) && f.all.some((n) => n.elsewhen)),
    ),
    date_conflict: flag(dates.some(conflicted)),
    anchored: flag(amounts.length > 0 && amounts.every(settled)),
  };
}

/** Share of the claim's weight its article never says at all (the claim adds facts). */
function docMissingWeight(input: FeatureInput, j: SentenceJudgement | undefined): number {
  if (!j) return 1;
  const doc = input.store.docWords.get(j.sentence.docId);
  if (!doc) return 1;
  const total = input.weights.reduce((a, b) => a + b, 0);
  let missing = 0;
  input.claim.terms.forEach((t, i) => {
    if (!sentenceHasTerm(doc, t)) missing += input.weights[i]!;
  });
  return share(missing, total);
}

/** Examined sentences that may decide: the most relevant ones. */
const CONTENDERS = 6;
/** Coverage within which a contradicting sentence is as much about the claim as the best one. */
const SAME_COVERAGE = 0.1;

/**
 * How well one sentence supports the claim: what it says of the claim, unless a figure,
 * negation, antonym or tense there contradicts it, and with unmatched figures discounted.
 */
function supportScore(s: SentenceJudgement): number {
  const sig = s.signals;
  if (!sig) return 0;
  if (
    sig.numberConflict ||
    sig.negationMismatch ||
    sig.antonymSwap ||
    sig.roleSwap ||
    sig.isRumorHeading
  )
    return 0;
  const amounts = s.numbers.filter((n) => isAmount(n.claim));
  const settled = amounts.filter((n) => n.status === 'match' || n.status === 'derived').length;
  const numberShare = amounts.length === 0 ? 1 : settled / amounts.length;
  return Math.max(s.cov.inSentence, 0.8 * s.cov.inWindow) * (0.5 + 0.5 * numberShare);
}

/** How strongly one sentence contradicts the claim: its coverage when it holds a contradiction. */
function refuteScore(s: SentenceJudgement): number {
  const sig = s.signals;
  if (!sig) return s.stance === 'refutes' ? s.cov.inWindow : 0;
  const cues = [
    sig.numberConflict,
    sig.negationMismatch && s.cov.inSentence >= 0.3,
    sig.antonymSwap,
    sig.roleSwap,
    sig.absoluteVsPartial,
    sig.doneVsPlanned,
    sig.debunks,
  ].filter(Boolean).length;
  return cues === 0 ? 0 : s.cov.inWindow * Math.min(1, 0.6 + 0.2 * cues);
}

/** Share of the weight of the claim's terms other than names that `missing` holds. */
function missingOtherShare(
  terms: readonly ClaimTerm[],
  weights: readonly number[],
  missing: readonly ClaimTerm[],
): number {
  let gone = 0;
  let all = 0;
  terms.forEach((t, i) => {
    if (t.isEntity) return;
    all += weights[i]!;
    if (missing.includes(t)) gone += weights[i]!;
  });
  return share(gone, all);
}

/** How a sentence ranks what the claim compares: by its comparative words, figures, or 比. */
const comparisonRanks = (claim: AnalyzedClaim, text: string): Rank[] => [
  comparisonRank(claim.english, text),
  figuresRank(claim.english, text),
  claim.lang === 'zh' ? chineseComparisonRank(claim.text, text) : undefined,
];

/** The feature vector of one claim against its ranked evidence. */
export function extractFeatures(input: FeatureInput): FeatureVector {
  const { claim, judgement } = input;
  const ranked = judgement.ranked;
  const top = ranked.slice(0, TOP);
  const j = ranked[0];
  const sig = j?.signals;
  const total = input.weights.reduce((a, b) => a + b, 0);
  const missingEntityWeight = j
    ? share(
        claim.terms.reduce(
          (a, t, i) => a + (t.isEntity && j.cov.missing.includes(t) ? input.weights[i]! : 0),
          0,
        ),
        total,
      )
    : 0;
  const dense = input.dense;
  const retrieved = dense !== undefined && dense.size > 0;
  const denseOf = (s: SentenceJudgement) => dense?.get(s.sentence.passageId) ?? 0;
  const translated = claim.terms.filter((t) => t.translated);
  const next = j ? input.store.sentences[j.sentence.id + 1] : undefined;
  const windowDebunk =
    next !== undefined &&
    next.docId === j?.sentence.docId &&
    debunksBeyond(claim.wording, next.text);
  const ranks = top.map((s) => comparisonRanks(claim, s.sentence.text));
  const contenders = ranked.slice(0, CONTENDERS);
  const bestSupport = Math.max(0, ...contenders.map(supportScore));
  // A contradiction counts when its sentence says about as much of the claim as the best one:
  // another figure or a negation in a sentence that says less is about something else.
  const topCoverage = Math.max(0, ...contenders.map((s) => s.cov.inWindow));
  const sameTopic = contenders.filter((s) => s.cov.inWindow >= topCoverage - SAME_COVERAGE);
  const bestRefute = Math.max(judgement.rumorAnswered ? 1 : 0, ...sameTopic.map(refuteScore));
  return {
    best_support: bestSupport,
    best_refute: bestRefute,
    support_margin: bestSupport - bestRefute,
    cov_sentence: j?.cov.inSentence ?? 0,
    cov_window: j?.cov.inWindow ?? 0,
    cov_sentence_max3: Math.max(0, ...top.map((s) => s.cov.inSentence)),
    // Relevance ranks sentences found by retrieval; judged against given evidence it is missing.
    cov_gap: !retrieved
      ? NaN
      : j && ranked[1]
        ? j.relevance - ranked[1].relevance
        : (j?.relevance ?? 0),
    relevance: !retrieved ? NaN : (j?.relevance ?? 0),
    uncovered_weight: 1 - (j?.cov.inWindow ?? 0),
    doc_missing_weight: docMissingWeight(input, j),
    // Not measured (a claim judged against given evidence, without retrieval): missing.
    dense: !retrieved ? NaN : j ? denseOf(j) : 0,
    dense_top: !retrieved ? NaN : Math.max(...dense!.values()),
    ...numberFeatures(j, contenders),
    missing_entity: flag(sig?.missingEntity),
    missing_entity_weight: missingEntityWeight,
    // What the claim says besides its names that the best sentence and its neighbours never say:
    // a near miss adds a fact about things the text names.
    missing_other_weight: j ? missingOtherShare(claim.terms, input.weights, j.cov.missing) : 1,
    entity_terms: share(claim.terms.filter((t) => t.isEntity).length, claim.terms.length),
    negation_mismatch: flag(sig?.negationMismatch),
    negation_covered: sig?.negationMismatch ? (j?.cov.inSentence ?? 0) : 0,
    absolute_vs_partial: flag(sig?.absoluteVsPartial),
    // What is still to come is often said a sentence on from what the claim says was done.
    done_vs_planned: flag(top.some((s) => s.signals?.doneVsPlanned)),
    // An antonym in a sentence that says less of the claim is about something else.
    antonym: flag(sameTopic.some((s) => s.signals?.antonymSwap)),
    role_swap: flag(top.some((s) => s.signals?.roleSwap)),
    // Read loosely: only where the sentence says about as much of the claim as the best one.
    direction_opposed: flag(sameTopic.some((s) => s.signals?.directionOpposed)),
    // The claim's negation on a word one of the best sentences says (else it negates something
    // else); the word is often in the sentence beside the one saying most of the claim.
    claim_negated: flag(top.some((s) => s.signals?.claimNegated)),
    claim_absolute: flag(claim.isAbsolute),
    comparison_reversed: flag(
      ranks.some(
        (r, i) => r.includes('reversed') || changeReversed(claim.english, top[i]!.sentence.text),
      ),
    ),
    // A comparison the claim makes that a sentence's words or figures rank its way: without it a
    // right comparison ("more than B") reads as a claim its text never quite says.
    comparison_agrees: flag(ranks.some((r) => r.includes('same') && !r.includes('reversed'))),
    debunks: mean(top.map((s) => flag(s.signals?.debunks))),
    debunk_window: flag(windowDebunk),
    rumor_heading: flag(top.some((s) => s.signals?.isRumorHeading)),
    rumor_answered: flag(judgement.rumorAnswered),
    is_question: flag(claim.isQuestion),
    term_count: Math.min(1, claim.terms.length / 20),
    is_zh: flag(claim.lang === 'zh'),
    // Renderings of a Chinese claim that the English documents never use (a poor translation, or
    // words about something else). Against a Chinese sentence the claim's own words meet the text,
    // and one missing there is another matter, which coverage reads: not measured.
    translated_unseen:
      j && hasCjk(j.sentence.text)
        ? NaN
        : share(
            translated.filter((t) => !t.alts.some((a) => input.store.df(a[0]!) > 0)).length,
            Math.max(1, translated.length),
          ),
    rule_supports: flag(judgement.verdict === 'SUPPORTED'),
    rule_refutes: flag(judgement.verdict === 'REFUTED'),
  };
}

/** The vector in FEATURE_NAMES order; a missing value (NaN, or null once stored as JSON) is NaN. */
export const featureArray = (f: FeatureVector): number[] =>
  FEATURE_NAMES.map((n) => (typeof f[n] === 'number' ? f[n] : NaN));

const SUP: Verdict = 'SUPPORTED';
const REF: Verdict = 'REFUTED';

/**
 * Directions every model must keep, whatever its training claims: [feature, class it raises at
 * least as much as, the other class]. Evidence that the text says the claim raises support over
 * refutation; a contradiction raises refutation over support. How coverage and similarity weigh
 * against "not enough information" is left to the data: fixing those directions too cost 0.045
 * of held-out accuracy, and restatements of the knowledge (generated as SUPPORTED training
 * claims) keep a model from reading overlap alone as a refutation.
 */
export const FEATURE_ORDERINGS: readonly [FeatureName, Verdict, Verdict][] = [
  ['best_support', SUP, REF],
  ['best_refute', REF, SUP],
  ['support_margin', SUP, REF],
  ['num_match_share', SUP, REF],
  ['num_conflict_covered', REF, SUP],
  ['num_conflict_computed', REF, SUP],
  ['negation_covered', REF, SUP],
  ['antonym', REF, SUP],
  ['comparison_reversed', REF, SUP],
  ['direction_opposed', REF, SUP],
  ['debunks', REF, SUP],
  ['rumor_answered', REF, SUP],
  ['rule_supports', SUP, REF],
  ['rule_refutes', REF, SUP],
];
