import type { Config } from '../config/config.js';
import type { WeightedTerm } from '../index/bm25-store.js';
import type { KnowledgeIndex } from '../index/knowledge-index.js';
import { tokenize } from '../index/tokenize.js';
import type { Passage, ScoredPassage } from '../types.js';
import { fuseCandidates, type FusionSettings, type SignalCandidate } from './fusion.js';

export interface RetrieverSettings extends FusionSettings {
  /** Candidates taken from each of BM25 and the vector index before fusion. */
  candidates: number;
  /** Weight of expansion terms relative to the query's own words. */
  expansionWeight: number;
}

export interface SearchOptions {
  /** Extra query terms the verdict layer adds (synonyms, translations), weighted lower. */
  expansions?: string[];
  /** Candidates per signal, overriding the setting (evaluation wants more than answers do). */
  candidates?: number;
  /** The query's vector when the caller has embedded it already (it keeps it for reuse). */
  vector?: Float32Array;
}

export interface HybridRetriever {
  /** The k best passages for a query, fused from BM25 and dense similarity. */
  search(query: string, k: number, options?: SearchOptions): Promise<ScoredPassage[]>;
  /** Union of both signals' candidates, each scored by both signals exactly (not fused). */
  candidates(query: string, options?: SearchOptions): Promise<SignalCandidate[]>;
}

export const retrieverSettings = (
  cfg: Pick<
    Config,
    'FUSION' | 'FUSION_DENSE_WEIGHT' | 'RRF_K' | 'RETRIEVE_CANDIDATES' | 'EXPANSION_WEIGHT'
  >,
): RetrieverSettings => ({
  method: cfg.FUSION,
  denseWeight: cfg.FUSION_DENSE_WEIGHT,
  rrfK: cfg.RRF_K,
  candidates: cfg.RETRIEVE_CANDIDATES,
  expansionWeight: cfg.EXPANSION_WEIGHT,
});

/** BM25 terms of a query: its own tokens at weight 1, expansion tokens at `expansionWeight`. */
export function queryTerms(
  query: string,
  expansions: readonly string[],
  expansionWeight: number,
): WeightedTerm[] {
  const own = tokenize(query);
  const seen = new Set(own);
  const terms = own.map((term) => ({ term, weight: 1 }));
  for (const text of expansions)
    for (const term of tokenize(text))
      if (!seen.has(term)) {
        seen.add(term);
        terms.push({ term, weight: expansionWeight });
      }
  return terms;
}

/**
 * Hybrid retrieval over a knowledge index: BM25 and HNSW each propose candidates; every
 * candidate then gets both scores exactly (BM25 of dense finds, cosine of lexical finds) so
 * that fusion compares like with like.
 */
export function createHybridRetriever(
  index: KnowledgeIndex,
  settings: RetrieverSettings,
): HybridRetriever {
  async function candidates(query: string, options: SearchOptions = {}) {
    const n = options.candidates ?? settings.candidates;
    if (query.trim() === '') return [];
    const terms = queryTerms(query, options.expansions ?? [], settings.expansionWeight);
    const vector = options.vector ?? (await index.embedder.embedQuery(query));
    const bm25 = new Map(index.bm25Search(terms, n).map((h) => [h.id, h.score]));
    const dense = new Map(index.vectorSearch(vector, n).map((h) => [h.id, h.score]));
    const ids = [...new Set([...bm25.keys(), ...dense.keys()])].filter(
      (id) => index.passages[id] != null,
    );
    const missingBm25 = ids.filter((id) => !bm25.has(id));
    index
      .bm25Scores(terms, missingBm25)
      .forEach((score, i) => bm25.set(missingBm25[i] as number, score));
    return ids.map((id) => ({
      id,
      bm25: bm25.get(id) as number,
      dense: dense.get(id) ?? index.similarity(vector, id),
    }));
  }

  return {
    candidates,
    async search(query, k, options) {
      const fused = fuseCandidates(await candidates(query, options), settings).slice(0, k);
      return fused.map((c) => ({
        ...(index.passages[c.id] as Passage),
        id: c.id,
        score: c.score,
        signals: { bm25: c.bm25, dense: c.dense },
      }));
    },
  };
}
