import { hasCjk } from '../../index/tokenize.js';
import type { Stance, Verdict } from '../../types.js';
import type { AnalyzedClaim } from '../claim-analysis.js';
import {
  reportsRumour,
  rumourWords,
  windowOf,
  type EvidenceSentence,
  type SentenceStore,
} from '../evidence/sentence-store.js';
import { coverage, sentenceHasTerm, type Coverage } from '../match/coverage.js';
import { textComputations } from '../numbers/arithmetic.js';
import { compareQuantities, type NumberOutcome } from '../numbers/compare.js';
import { precise } from '../numbers/figures.js';
import { extractQuantities, isAmount, type Quantity } from '../numbers/quantity.js';
import { chineseWords, contentTokens, stemWord, STOPWORDS } from '../text/terms.js';
import { loadedChineseTools } from '../zh/dictionary.js';
import { englishReading, translateChinese } from '../zh/translate.js';
import { DEBUNK, deniesAny, RUMOR_WORD, TRUTH_LABEL } from './cues.js';
import {
  sentenceStance,
  type ChineseSentence,
  stanceSignals,
  type StanceSignals,
  type StanceThresholds,
} from './sentence-stance.js';

export interface JudgeSettings extends StanceThresholds {
  /** Heading coverage from which a claim restates the rumor a "Truth:" section answers. */
  rumorHeading: number;
  /** Sentences examined for stance, best relevance first. */
  examine: number;
  /** Order candidates by claim coverage (reranked) or by the retriever's order alone. */
  rankBy?: 'coverage' | 'retrieval';
}

export interface SentenceJudgement {
  sentence: EvidenceSentence;
  cov: Coverage;
  relevance: number;
  numbers: NumberOutcome[];
  signals?: StanceSignals;
  stance: Stance;
  reasons: string[];
}

export interface Judgement {
  verdict: Verdict;
  /** The deciding sentences, best first (1–3), then further on-topic sentences. */
  evidence: SentenceJudgement[];
  /** Arithmetic that decided it or that the deciding text invites. */
  computations: string[];
  reasons: string[];
  /** The strength of the deciding evidence (coverage of the deciding sentence), for confidence. */
  strength: number;
  /** Every examined sentence with its signals, most relevant first (the verdict model reads them). */
  ranked: SentenceJudgement[];
  /** The claim restates a rumor that a "Truth:" paragraph answers. */
  rumorAnswered: boolean;
}

/** Relevance added per claim number a sentence settles: it is about the same figures. */
const NUMBER_BONUS = 0.15;

/** Sentences this close in relevance to the best one may decide the verdict. */
const CONTENDER_MARGIN = 0.1;

const quantityCache = new WeakMap<EvidenceSentence, Quantity[]>();
/**
 * The figures of a sentence. A Chinese sentence's are read in its word-by-word English rendering,
 * as a Chinese claim's are (numerals and units normalised, "120辆" as 120, "4.8亿元" as 480 million
 * yuan), so that the words around two figures compare; without the Chinese tools (only English
 * claims so far) it has none to compare with an English claim's, and nothing is cached.
 */
function quantitiesOf(s: EvidenceSentence): Quantity[] {
  let q = quantityCache.get(s);
  if (q) return q;
  if (!hasCjk(s.text)) q = extractQuantities(s.text);
  else {
    const reading = chineseReading(s);
    if (!reading) return [];
    q = extractQuantities(reading.english);
  }
  quantityCache.set(s, q);
  return q;
}

const readingCache = new WeakMap<EvidenceSentence, ChineseSentence>();
/**
 * A Chinese sentence as the English cues read it: its word-by-word rendering, and the senses of
 * any one of its words (what an English claim's words meet). None for English text, or before
 * the Chinese tools are loaded.
 */
function chineseReading(s: EvidenceSentence): ChineseSentence | undefined {
  const cached = readingCache.get(s);
  if (cached) return cached;
  const tools = loadedChineseTools();
  if (!hasCjk(s.text) || !tools) return undefined;
  const view: ChineseSentence = {
    english: translateChinese(s.text, tools, true).english,
    senses: (word) => englishReading(word, tools).stems,
  };
  readingCache.set(s, view);
  return view;
}

const SEQUENCE_ORDINAL = /\b(first|second|third|fourth|fifth|sixth)\s+([a-z]+)/gi;

/**
 * Whether a sentence is about another member of a sequence the claim names one of: "the second
 * phase" (and not the first) for the claim's "first phase".
 */
function anotherOfSequence(claimText: string, text: string): boolean {
  // "First in China" places nothing in a sequence of things: the word after must be a noun.
  const named = (t: string) =>
    [...t.matchAll(SEQUENCE_ORDINAL)]
      .filter((m) => !STOPWORDS.has(m[2]!.toLowerCase()))
      .map((m) => ({ place: m[1]!.toLowerCase(), what: stemWord(m[2]!.toLowerCase()) }));
  const said = named(text);
  return named(claimText).some(
    (c) =>
      said.some((s) => s.what === c.what && s.place !== c.place) &&
      !said.some((s) => s.what === c.what && s.place === c.place),
  );
}

/** More characters than any sentence (or its English reading) holds. */
const SENTENCE_SPAN = 1_000_000;

/** Sentences either side whose figures a claim figure the sentence lacks is read against. */
const NUMBER_REACH = 2;

/** Claim numbers against the sentence, then (for those it lacks) against its neighbours. */
function compareNumbers(
  store: SentenceStore,
  claim: AnalyzedClaim,
  s: EvidenceSentence,
): NumberOutcome[] {
  const own = compareQuantities(claim.quantities, quantitiesOf(s), claim.english);
  // A figure the sentence works out otherwise from two of its own may be a share of a whole or a
  // gap from a level told beside it: a worked-out conflict is no statement of another value. Nor
  // is a precise figure ("1,763") denied by one figure when the sentences around give it exactly.
  // A relation in words ("two to one") is settled by the figures the sentence relates.
  const open = (o: NumberOutcome) =>
    o.status === 'missing' ||
    (o.status === 'conflict' &&
      !o.claim.relation &&
      (o.computation !== undefined || precise(o.claim)));
  if (!own.some(open)) return own;
  // Each sentence's figures placed after the previous sentence's, in text order: how near two
  // figures are says whether one is said of the other, and offsets count from each sentence's
  // own start (in a Chinese sentence's English reading), so two sentences' figures seemed near.
  const around = windowOf(store, s, NUMBER_REACH).flatMap((n) =>
    quantitiesOf(n).map((q) => ({
      ...q,
      start: q.start + n.id * SENTENCE_SPAN,
      end: q.end + n.id * SENTENCE_SPAN,
    })),
  );
  const wider = compareQuantities(claim.quantities, around, claim.english);
  return own.map((o, i) => {
    const w = wider[i]!;
    if (o.status === 'missing') return w.status !== 'conflict' || w.computation ? w : o;
    return open(o) && (w.status === 'match' || w.status === 'derived') ? w : o;
  });
}

/** Whether a sentence is the heading of a section answered by a "Truth:" paragraph. */
function isRumorHeading(store: SentenceStore, s: EvidenceSentence): boolean {
  if (s.section === undefined || !s.text.includes(s.section.trim())) return false;
  for (let id = s.id + 1; id < store.sentences.length && id <= s.id + 12; id++) {
    const n = store.sentences[id]!;
    if (n.docId !== s.docId || n.section !== s.section) break;
    if (TRUTH_LABEL.test(n.text)) return true;
  }
  return false;
}

/** Sentences after a rumor list within which the text says they are rumors. */
const RUMOR_LIST_REACH = 2;

/**
 * Whether a sentence reports rumors rather than asserting anything: a list of short statements
 * ("Bananas glow in the dark; Tea dissolves teeth; …") that the text, there or just after, calls
 * rumors, a question in a sentence that names rumors ("Do bananas glow? May's rumors"), or
 * what circulates, quoted.
 */
function isRumorReport(store: SentenceStore, s: EvidenceSentence): boolean {
  if (/[?？]/.test(s.text) && RUMOR_WORD.test(s.text)) return true;
  if (reportsRumour(s)) return true;
  const items = s.text.split(/[;；]/).filter((part) => part.trim().length > 0);
  if (items.length < 3 || items.some((part) => part.split(/\s+/).length > 15)) return false;
  for (let id = s.id; id < store.sentences.length && id <= s.id + RUMOR_LIST_REACH; id++) {
    const n = store.sentences[id]!;
    if (n.docId !== s.docId) break;
    if (RUMOR_WORD.test(n.text)) return true;
  }
  return false;
}

/** Share of the claim's weight said by a heading (a rumor inventory's rumor statement). */
function headingCoverage(claim: AnalyzedClaim, weights: number[], heading: string): number {
  const tokens = contentTokens(heading);
  const chinese = chineseWords(heading);
  const asSentence = {
    stems: new Set([...tokens.map((t) => t.stem), ...chinese]),
    words: [...tokens.map((t) => t.lower), ...chinese],
  };
  let said = 0;
  let total = 0;
  claim.terms.forEach((t, i) => {
    total += weights[i]!;
    if (sentenceHasTerm(asSentence, t)) said += weights[i]!;
  });
  return total > 0 ? said / total : 0;
}

/**
 * A rumor inventory answers each rumor under its own heading with a "Truth:" paragraph. When the
 * claim restates such a heading, the sentences of that answer refute it.
 */
function rumorAnswer(
  store: SentenceStore,
  claim: AnalyzedClaim,
  weights: number[],
  ranked: SentenceJudgement[],
  settings: JudgeSettings,
): SentenceJudgement[] | undefined {
  const reported = reportedRumourAnswer(store, claim, weights, ranked, settings);
  if (reported) return reported;
  const seen = new Set<string>();
  for (const j of ranked) {
    const { section, docId } = j.sentence;
    if (section === undefined || seen.has(`${docId}\u0000${section}`)) continue;
    seen.add(`${docId}\u0000${section}`);
    if (claim.negations > 0) continue;
    if (headingCoverage(claim, weights, section) < settings.rumorHeading) continue;
    const block = store.sentences.filter((s) => s.docId === docId && s.section === section);
    const truthAt = block.findIndex((s) => TRUTH_LABEL.test(s.text));
    if (truthAt < 0) continue;
    const truth = block.slice(truthAt);
    return answerOf(store, claim, weights, truth, computedSentences(truth));
  }
  return undefined;
}

/**
 * The sentences of a text's answer to a rumour, each refuting the claim that restates it, most
 * telling first: the answer's own debunking words and the figure its arithmetic arrives at
 * decide; topic words rank the rest.
 */
function answerOf(
  store: SentenceStore,
  claim: AnalyzedClaim,
  weights: number[],
  answer: EvidenceSentence[],
  computed: ReadonlySet<EvidenceSentence> = new Set(),
): SentenceJudgement[] {
  return answer
    .map((s) => {
      const cov = coverage(store, s, claim.terms, weights);
      const bonus = (DEBUNK.test(s.text) ? 0.3 : 0) + (computed.has(s) ? 0.3 : 0);
      return {
        sentence: s,
        cov,
        relevance: cov.inSentence + bonus,
        numbers: [],
        stance: 'refutes' as Stance,
        reasons: ['rumor-answered'],
      };
    })
    .sort((a, b) => b.relevance - a.relevance);
}

/** Sentences after a reported rumour within which the text answers it. */
const REPORT_ANSWER_REACH = 4;

/**
 * A rumour the text reports (网上流传“……”, "a post circulating online claimed that ...") and
 * then calls untrue within a few sentences: a claim that restates it is refuted by that answer,
 * as by a rumour inventory's "Truth:" paragraph. A claim that denies the rumour agrees with it.
 */
function reportedRumourAnswer(
  store: SentenceStore,
  claim: AnalyzedClaim,
  weights: number[],
  ranked: SentenceJudgement[],
  settings: JudgeSettings,
): SentenceJudgement[] | undefined {
  const said = new Set(claim.terms.flatMap((t) => t.alts.flat()));
  if (deniesAny(claim.text, said, stemWord)) return undefined;
  for (const j of ranked.slice(0, 3)) {
    // The claim restates the rumour's own words, not only the sentence's (who denied it).
    const rumour = rumourWords(j.sentence);
    if (rumour === undefined || headingCoverage(claim, weights, rumour) < settings.rumorHeading)
      continue;
    const answer: EvidenceSentence[] = [];
    for (let id = j.sentence.id; id <= j.sentence.id + REPORT_ANSWER_REACH; id++) {
      const s = store.sentences[id];
      if (!s || s.docId !== j.sentence.docId) break;
      answer.push(s);
      if (DEBUNK.test(s.text)) return answerOf(store, claim, weights, answer);
    }
  }
  return undefined;
}

/** Sentences that state the result of a computation their preceding figures invite. */
function computedSentences(sentences: EvidenceSentence[]): Set<EvidenceSentence> {
  const shifted = sentences.flatMap((s) =>
    quantitiesOf(s).map((q) => ({ ...q, start: q.start + s.start, end: q.end + s.start, s })),
  );
  const out = new Set<EvidenceSentence>();
  for (const c of textComputations(shifted)) {
    const holder = shifted.find((q) => q.start === c.result.start);
    if (holder) out.add(holder.s);
  }
  return out;
}

/**
 * Product and quotient checks the deciding sentences and the sentences before them invite:
 * when one yields a figure of a deciding sentence, the chain of computations that leads to it
 * in that window is shown (e.g. tolerance per kg × weight, then tolerance ÷ amount per cup).
 */
function invitedComputations(store: SentenceStore, deciding: SentenceJudgement[]): string[] {
  for (const d of deciding) {
    const window = windowOf(store, d.sentence, 3).filter((s) => s.id <= d.sentence.id);
    // Offsets of quantities are per sentence: shift them to source offsets to order them.
    const ordered = window.flatMap((s) =>
      quantitiesOf(s).map((q) => ({ ...q, start: q.start + s.start, end: q.end + s.start })),
    );
    const found = textComputations(ordered);
    if (found.some((c) => c.result.start >= d.sentence.start))
      return found.slice(-3).map((c) => c.text);
  }
  return [];
}

/** Ranks candidate sentences, reads their stance and decides the verdict. */
export function judge(
  store: SentenceStore,
  claim: AnalyzedClaim,
  weights: number[],
  candidates: { id: number; bonus: number }[],
  settings: JudgeSettings,
): Judgement {
  const ranked: SentenceJudgement[] = candidates
    .map(({ id, bonus }) => {
      const sentence = store.sentences[id]!;
      const cov = coverage(store, sentence, claim.terms, weights);
      return {
        sentence,
        cov,
        relevance:
          settings.rankBy === 'retrieval'
            ? bonus
            : 0.6 * cov.inWindow + 0.4 * cov.inSentence + bonus,
        numbers: [] as NumberOutcome[],
        stance: 'neutral' as Stance,
        reasons: [] as string[],
      };
    })
    .sort((a, b) => b.relevance - a.relevance)
    .slice(0, settings.examine);
  for (const j of ranked) {
    j.numbers = compareNumbers(store, claim, j.sentence);
    // A sentence about another of a sequence ("the second phase" for the claim's "first phase")
    // gives that one's figures: they contradict nothing the claim says.
    if (anotherOfSequence(claim.english, j.sentence.text))
      j.numbers = j.numbers.map((n) =>
        n.status === 'conflict' ? { claim: n.claim, status: 'missing' } : n,
      );
    j.signals = stanceSignals(
      claim,
      j.sentence,
      j.cov,
      j.numbers,
      store.docWords.get(j.sentence.docId),
      isRumorHeading(store, j.sentence) || isRumorReport(store, j.sentence),
      windowOf(store, j.sentence, 1)
        .map((n) => n.text)
        .join(' '),
      chineseReading(j.sentence),
      quantitiesOf(j.sentence),
    );
    // A rumour the text reports, and does not answer in the same sentence, is no statement of
    // the text's: what the claim says against its words contradicts nothing.
    if (reportsRumour(j.sentence) && !DEBUNK.test(j.sentence.text))
      j.signals = {
        ...j.signals,
        numberConflict: false,
        negationMismatch: false,
        absoluteVsPartial: false,
        doneVsPlanned: false,
        antonymSwap: false,
        roleSwap: false,
      };
    Object.assign(j, sentenceStance(j.signals, j.cov, settings));
  }
  // Settled numbers make a sentence more relevant: it is about the same figures.
  for (const j of ranked) {
    const settled = j.numbers.filter((n) => n.status === 'match' || n.status === 'derived').length;
    const missing = j.numbers.filter((n) => n.status === 'missing' && isAmount(n.claim)).length;
    j.relevance += NUMBER_BONUS * settled - (NUMBER_BONUS / 3) * missing;
  }
  ranked.sort((a, b) => b.relevance - a.relevance);

  const rumor = rumorAnswer(store, claim, weights, ranked, settings);
  if (rumor && rumor.length > 0) {
    const deciding = rumor.slice(0, 3);
    return {
      verdict: 'REFUTED',
      evidence: [
        ...deciding,
        ...ranked.filter((r) => !deciding.some((d) => d.sentence === r.sentence)),
      ],
      computations: invitedComputations(store, deciding),
      reasons: ['rumor-answered'],
      strength: Math.max(...rumor.map((r) => r.cov.inWindow), settings.refute),
      ranked,
      rumorAnswered: true,
    };
  }

  const best = ranked[0];
  if (!best || best.cov.inWindow < settings.topic) {
    return {
      verdict: 'NOT_ENOUGH_INFO',
      evidence: ranked,
      computations: [],
      reasons: ['off-topic'],
      strength: best?.cov.inWindow ?? 0,
      ranked,
      rumorAnswered: false,
    };
  }
  // The deciding sentence: the most relevant one with a stance, among those nearly as relevant as the best.
  const contenders = ranked.filter((r) => r.relevance >= best.relevance - CONTENDER_MARGIN);
  const decider = contenders.find((r) => r.stance !== 'neutral');
  if (!decider) {
    return {
      verdict: 'NOT_ENOUGH_INFO',
      evidence: ranked,
      computations: [],
      reasons: best.reasons,
      strength: best.cov.inWindow,
      ranked,
      rumorAnswered: false,
    };
  }
  const verdict: Verdict = decider.stance === 'refutes' ? 'REFUTED' : 'SUPPORTED';
  const others = ranked.filter((r) => r !== decider);
  const deciding = [decider, ...others.filter((r) => r.stance === decider.stance).slice(0, 2)];
  const computations = [
    ...decider.numbers.flatMap((n) => (n.computation ? [n.computation] : [])),
    ...invitedComputations(store, deciding),
  ];
  return {
    verdict,
    evidence: [...deciding, ...others.filter((r) => !deciding.includes(r))],
    computations,
    reasons: decider.reasons,
    strength: decider.cov.inWindow,
    ranked,
    rumorAnswered: false,
  };
}
