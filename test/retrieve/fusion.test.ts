import { fuseCandidates, type SignalCandidate } from '../../src/retrieve/fusion.js';
import { ndcgAt, parseQrels, recallAt } from '../../src/retrieve/retrieval-metrics.js';

// A toy query with one relevant passage per signal's blind spot: BM25 finds 1 (lexical), the
// dense signal finds 2 (a paraphrase); 3..6 are distractors each signal half-likes.
const candidates: SignalCandidate[] = [
  { id: 1, bm25: 9, dense: 0.35 },
  { id: 2, bm25: 1, dense: 0.8 },
  { id: 3, bm25: 7, dense: 0.2 },
  { id: 4, bm25: 6, dense: 0.3 },
  { id: 5, bm25: 0, dense: 0.6 },
  { id: 6, bm25: 5, dense: 0.1 },
];
const relevant = new Map([
  ['1', 1],
  ['2', 1],
]);
const ndcg = (ids: number[]) => ndcgAt(ids.map(String), relevant, 3);
const order = (method: 'interpolate' | 'rrf', denseWeight: number) =>
  fuseCandidates(candidates, { method, denseWeight, rrfK: 60 }).map((c) => c.id);

describe('fuseCandidates', () => {
  it('reproduces the BM25 order at dense weight 0 and the dense order at 1', () => {
    expect(order('interpolate', 0)).toEqual([1, 3, 4, 6, 2, 5]);
    expect(order('interpolate', 1)).toEqual([2, 5, 1, 4, 3, 6]);
    expect(order('rrf', 0)).toEqual([1, 3, 4, 6, 2, 5]);
  });

  it('is never worse than the better of its parts on a toy case, and beats both here', () => {
    const lexical = ndcg(order('interpolate', 0));
    const dense = ndcg(order('interpolate', 1));
    for (const method of ['interpolate', 'rrf'] as const) {
      const fused = ndcg(order(method, 0.5));
      expect(fused).toBeGreaterThanOrEqual(Math.max(lexical, dense));
    }
    expect(ndcg(order('interpolate', 0.5))).toBeGreaterThan(Math.max(lexical, dense));
  });

  it('keeps both raw signals on every fused candidate', () => {
    const fused = fuseCandidates(candidates, { method: 'interpolate', denseWeight: 0.3, rrfK: 60 });
    expect(fused.find((c) => c.id === 2)).toMatchObject({ bm25: 1, dense: 0.8 });
    expect(fused).toHaveLength(candidates.length);
  });
});

describe('retrieval metrics', () => {
  it('computes nDCG and recall as BEIR does', () => {
    const rel = new Map([
      ['a', 1],
      ['b', 1],
    ]);
    expect(ndcgAt(['a', 'b', 'c'], rel, 10)).toBeCloseTo(1);
    expect(ndcgAt(['c', 'a'], rel, 10)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
    expect(recallAt(['c', 'a'], rel, 100)).toBe(0.5);
  });

  it('reads BEIR qrels with CRLF line endings', () => {
    const qrels = parseQrels('query-id\tcorpus-id\tscore\r\n0\t31715818\t1\r\n2\t13734012\t1\r\n');
    expect(qrels.get('0')?.get('31715818')).toBe(1);
    expect(qrels.size).toBe(2);
  });
});
