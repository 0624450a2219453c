import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { Passage } from '../types.js';
import { fuseCandidates, type FusionSettings, type SignalCandidate } from './fusion.js';
import type { HybridRetriever } from './hybrid-retriever.js';
import { documentRanking, ndcgAt, parseQrels, recallAt, type Qrels } from './retrieval-metrics.js';

/** A query's candidates with both signals, kept so that fusion settings can be swept cheaply. */
export interface QueryRun {
  queryId: string;
  candidates: SignalCandidate[];
}

export interface RetrievalScores {
  ndcg10: number;
  recall100: number;
  queries: number;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    throw new AppError('SOURCE_NOT_FOUND', `${file} cannot be read.`, { cause });
  }
}

/** BEIR queries.jsonl: query id -> text. */
export async function readBeirQueries(dir: string): Promise<Map<string, string>> {
  const queries = new Map<string, string>();
  for (const line of (await readText(path.join(dir, 'queries.jsonl'))).split('\n')) {
    if (line.trim() === '') continue;
    const q = JSON.parse(line) as { _id: string; text: string };
    queries.set(String(q._id), q.text);
  }
  return queries;
}

/** BEIR qrels/<split>.tsv. */
export async function readBeirQrels(dir: string, split: 'train' | 'dev' | 'test'): Promise<Qrels> {
  return parseQrels(await readText(path.join(dir, 'qrels', `${split}.tsv`)));
}

/** Retrieves candidates for every judged query (the expensive part: embedding the queries). */
export async function collectRuns(
  retriever: HybridRetriever,
  queries: ReadonlyMap<string, string>,
  qrels: Qrels,
  candidates: number,
  onQuery?: (done: number, total: number) => void,
): Promise<QueryRun[]> {
  const runs: QueryRun[] = [];
  const ids = [...qrels.keys()].filter((id) => queries.has(id));
  for (const queryId of ids) {
    runs.push({
      queryId,
      candidates: await retriever.candidates(queries.get(queryId) as string, { candidates }),
    });
    onQuery?.(runs.length, ids.length);
  }
  return runs;
}

/**
 * Runs as if each signal had proposed only its top `n` (what search does with
 * RETRIEVE_CANDIDATES), from runs collected with more.
 */
export function limitCandidates(runs: readonly QueryRun[], n: number): QueryRun[] {
  const top = (c: SignalCandidate[], key: 'bm25' | 'dense') =>
    new Set(
      [...c]
        .sort((a, b) => b[key] - a[key] || a.id - b.id)
        .slice(0, n)
        .map((x) => x.id),
    );
  return runs.map((run) => {
    const lexical = top(run.candidates, 'bm25');
    const dense = top(run.candidates, 'dense');
    return {
      queryId: run.queryId,
      candidates: run.candidates.filter((c) => lexical.has(c.id) || dense.has(c.id)),
    };
  });
}

/** Mean nDCG@10 and recall@100 of document rankings (a document ranks at its best passage). */
export function scoreRuns(
  runs: readonly QueryRun[],
  passages: ReadonlyArray<Passage | null>,
  qrels: Qrels,
  fusion: FusionSettings,
): RetrievalScores {
  let ndcg = 0;
  let recall = 0;
  for (const run of runs) {
    const ranked = documentRanking(
      fuseCandidates(run.candidates, fusion).map((c) => (passages[c.id] as Passage).docId),
    );
    const relevant = qrels.get(run.queryId) ?? new Map<string, number>();
    ndcg += ndcgAt(ranked, relevant, 10);
    recall += recallAt(ranked, relevant, 100);
  }
  const n = Math.max(runs.length, 1);
  return { ndcg10: ndcg / n, recall100: recall / n, queries: runs.length };
}

/** The dense weight (on a 0.05 grid) with the best nDCG@10 on the given (training) runs. */
export function tuneDenseWeight(
  runs: readonly QueryRun[],
  passages: ReadonlyArray<Passage | null>,
  qrels: Qrels,
  base: FusionSettings,
): { denseWeight: number; ndcg10: number } {
  let best = { denseWeight: 0, ndcg10: -1 };
  for (let step = 0; step <= 20; step++) {
    const denseWeight = step / 20;
    const { ndcg10 } = scoreRuns(runs, passages, qrels, { ...base, denseWeight });
    if (ndcg10 > best.ndcg10 + 1e-9) best = { denseWeight, ndcg10 };
  }
  return best;
}
