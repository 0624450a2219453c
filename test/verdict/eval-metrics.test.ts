import type { Citation } from '../../src/types.js';
import {
  calibration,
  citationHits,
  scoreEval,
  type LabeledClaim,
  type Prediction,
} from '../../src/verdict/eval/metrics.js';

const cite = (source: string, start: number, end: number): Citation => ({
  n: 1, docId: 'd', title: 't', source, start, end, quote: '', score: 1, stance: 'neutral',
}); // prettier-ignore

describe('eval metrics', () => {
  const items: LabeledClaim[] = [
    {
      id: 'a',
      claim: 'x',
      label: 'SUPPORTED',
      lang: 'en',
      style: 'plain',
      evidence: [{ file: 'f.txt', quote: 'q' }],
    },
    {
      id: 'b',
      claim: 'y',
      label: 'REFUTED',
      lang: 'zh',
      style: 'viral',
      evidence: [{ file: 'f.txt', quote: 'q' }],
    },
    { id: 'c', claim: 'z', label: 'NOT_ENOUGH_INFO', lang: 'en', style: 'plain', evidence: [] },
    { id: 'd', claim: 'w', label: 'SUPPORTED', lang: 'en', style: 'numeric', evidence: [] },
  ];
  const gold = [{ source: 'seeds/f.txt', start: 100, end: 150 }];
  const predictions: Prediction[] = [
    {
      id: 'a',
      verdict: 'SUPPORTED',
      citations: [cite('seeds/f.txt', 140, 200)],
      offsetErrors: 0,
      gold,
    },
    {
      id: 'b',
      verdict: 'SUPPORTED',
      citations: [cite('seeds/f.txt', 0, 10), cite('seeds/f.txt', 120, 130)],
      offsetErrors: 1,
      gold,
    },
    { id: 'c', verdict: 'NOT_ENOUGH_INFO', citations: [], offsetErrors: 0, gold: [] },
    { id: 'd', verdict: 'NOT_ENOUGH_INFO', citations: [], offsetErrors: 0, gold: [] },
  ];
  const r = scoreEval(items, predictions);

  it('computes accuracy, the confusion matrix and per-label precision and recall', () => {
    expect(r.accuracy).toBe(0.5);
    expect(r.confusion.REFUTED.SUPPORTED).toBe(1);
    expect(r.confusion.SUPPORTED.NOT_ENOUGH_INFO).toBe(1);
    expect(r.perLabel.SUPPORTED).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(r.perLabel.NOT_ENOUGH_INFO).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.perLabel.REFUTED).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(r.macroF1).toBeCloseTo((0.5 + 0 + 2 / 3) / 3, 2);
  });

  it('counts evidence hits at 1 and 5 by span overlap in the same file', () => {
    expect(r.withEvidence).toBe(2);
    expect(r.hitAt1).toBe(0.5);
    expect(r.hitAt5).toBe(1);
    expect(citationHits(cite('seeds/f.txt', 150, 160), gold)).toBe(false);
    expect(citationHits(cite('seeds/other.txt', 100, 150), gold)).toBe(false);
  });

  it('sums offset errors and breaks accuracy down by language and style', () => {
    expect(r.offsetErrors).toBe(1);
    expect(r.byLang).toEqual({ en: { n: 3, accuracy: 0.667 }, zh: { n: 1, accuracy: 0 } });
    expect(r.byStyle.plain).toEqual({ n: 2, accuracy: 1 });
  });
});

describe('calibration', () => {
  it('measures how far confidence strays from accuracy, growing with overconfidence', () => {
    expect(calibration([0.9, 0.9, 0.1, 0.1], [true, true, false, false])!.ece).toBeCloseTo(0.1, 5);
    const over = calibration([0.95, 0.95, 0.95, 0.95], [true, false, false, false])!;
    expect(over.ece).toBeCloseTo(0.7, 5);
    expect(over.meanRight).toBe(0.95);
  });
});
