import type { Passage } from '../types.js';
import { analyzeClaim, type AnalyzedClaim } from './claim-analysis.js';
import type { SentenceStore } from './evidence/sentence-store.js';
import { lexicalCandidates, termWeight } from './match/coverage.js';
import type { NormalizedClaim, Lang } from './normalize/index.js';
import { soundedTerms } from './evidence/sounded-names.js';
import { judge, type Judgement, type JudgeSettings } from './stance/judge.js';
import { expandTerms } from './lexicon/expand.js';
import type { WordNet } from './lexicon/wordnet.js';
import type { ChineseTools } from './zh/dictionary.js';
import { translateChinese } from './zh/translate.js';

/** A passage found by the retriever, by row id, with its rank. */
export interface RetrievedPassage {
  id: number;
  rank: number;
  /** Cosine similarity of the claim to the passage, when the retriever measured it. */
  dense?: number;
}

export interface ClaimCheck {
  claim: AnalyzedClaim;
  judgement: Judgement;
  /** The weight of each claim term (IDF over the store). */
  weights: number[];
}

export interface ClaimTools {
  zh?: ChineseTools;
  /** Query expansion with WordNet synonyms and antonyms; absent = no expansion. */
  wordnet?: WordNet;
}

/** Turns a normalised claim into an analysed one (translating Chinese, expanding terms). */
export function prepareClaim(
  c: NormalizedClaim,
  lang: Lang,
  store: SentenceStore,
  tools: ClaimTools,
): AnalyzedClaim {
  const translation = lang === 'zh' && tools.zh ? translateChinese(c.text, tools.zh) : undefined;
  const analyzed = analyzeClaim(c.text, lang, c.isQuestion, translation);
  const claim = { ...analyzed, terms: soundedTerms(analyzed.terms, store) };
  return tools.wordnet
    ? { ...claim, terms: expandTerms(claim.terms, tools.wordnet, store) }
    : claim;
}

/** Relevance bonus for sentences of passages the hybrid retriever ranked high. */
const RETRIEVAL_BONUS = 0.05;
/** Lexical sentence candidates scored beside the retrieved passages' sentences. */
const LEXICAL_CANDIDATES = 60;

/**
 * Judges one analysed claim: candidate sentences are those of the retrieved passages plus the
 * best lexical sentence matches over the whole store (the claim's terms, expanded).
 */
export function judgeClaim(
  store: SentenceStore,
  claim: AnalyzedClaim,
  retrieved: RetrievedPassage[],
  settings: JudgeSettings,
  reranker: Reranker = 'lexical',
  /** Extra relevance per sentence id (a cross-encoder's scores). */
  extra?: ReadonlyMap<number, number>,
): ClaimCheck {
  const weights = claim.terms.map((t) => termWeight(store, t));
  const bonus = new Map<number, number>();
  if (reranker !== 'none') {
    for (const { id } of lexicalCandidates(store, claim.terms, weights, LEXICAL_CANDIDATES))
      bonus.set(id, 0);
  }
  // Without reranking the retriever's order is the relevance; with it, a small tie-breaker.
  const scale = reranker === 'none' ? 1 : RETRIEVAL_BONUS;
  for (const r of retrieved) {
    for (const sid of store.ofPassage[r.id] ?? []) {
      bonus.set(sid, Math.max(bonus.get(sid) ?? 0, scale / (1 + r.rank)));
    }
  }
  for (const [id, b] of extra ?? []) bonus.set(id, (bonus.get(id) ?? 0) + b);
  const candidates = [...bonus.entries()].map(([id, b]) => ({ id, bonus: b }));
  const rankBy = reranker === 'none' ? 'retrieval' : 'coverage';
  return {
    claim,
    weights,
    judgement: judge(store, claim, weights, candidates, { ...settings, rankBy }),
  };
}

/** How candidate sentences are ordered before stance: see the RERANKER setting. */
export type Reranker = 'none' | 'lexical' | 'cross-encoder';

export type { Passage };
