import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import {
  expectedCalibrationError,
  multiclassBrier,
  reliabilityBins,
  topLabelDistribution,
} from '../../src/verdict/eval/calibration.js';
import {
  calibration,
  scoreEval,
  type LabeledClaim,
  type Prediction,
} from '../../src/verdict/eval/metrics.js';
import { crc32, encodePng, createImage } from '../../src/verdict/eval/png.js';
import {
  BACKGROUND,
  diagramLayout,
  reliabilityDiagramPng,
} from '../../src/verdict/eval/reliability-diagram.js';

describe('reliability bins and ECE', () => {
  // bin 0: one answer at 0.05, wrong            -> conf 0.05, acc 0,    gap 0.05
  // bin 1: two at 0.15, one right               -> conf 0.15, acc 0.5,  gap 0.35
  // bin 9: four at 0.95, three right            -> conf 0.95, acc 0.75, gap 0.2
  // ECE = (1 * 0.05 + 2 * 0.35 + 4 * 0.2) / 7 = 1.55 / 7
  const confidences = [0.05, 0.15, 0.15, 0.95, 0.95, 0.95, 0.95];
  const correct = [false, true, false, true, true, true, false];

  it('puts answers into 10 equal-width bins with count, mean confidence and accuracy', () => {
    const bins = reliabilityBins(confidences, correct);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(bins[0]!.meanConfidence).toBeCloseTo(0.05, 10);
    expect(bins[0]!.accuracy).toBe(0);
    expect(bins[1]!.meanConfidence).toBeCloseTo(0.15, 10);
    expect(bins[1]!.accuracy).toBe(0.5);
    expect(bins[9]!.meanConfidence).toBeCloseTo(0.95, 10);
    expect(bins[9]!.accuracy).toBe(0.75);
    expect(bins[3]).toEqual({ lo: 0.3, hi: 0.4, count: 0, meanConfidence: 0, accuracy: 0 });
  });

  it('weights |accuracy - confidence| by the share of answers in each bin', () => {
    expect(expectedCalibrationError(reliabilityBins(confidences, correct))).toBeCloseTo(
      1.55 / 7,
      10,
    );
  });

  it('puts a bin edge into the upper bin and 0 and 1 into the first and last', () => {
    const counts = reliabilityBins([0, 0.1, 0.3, 0.7, 1], [true, true, true, true, true]).map(
      (b) => b.count,
    );
    expect(counts).toEqual([1, 1, 0, 1, 0, 0, 0, 1, 0, 1]);
  });

  it('gives 0 for perfectly calibrated answers and for no answers', () => {
    // 10 answers at 0.8 with 8 right, 5 at 0.4 with 2 right, 2 at 0.5 with 1 right.
    const conf = [...Array(10).fill(0.8), ...Array(5).fill(0.4), 0.5, 0.5] as number[];
    const ok = [...[1, 1, 1, 1, 1, 1, 1, 1, 0, 0], ...[1, 0, 1, 0, 0], ...[1, 0]].map(Boolean);
    expect(expectedCalibrationError(reliabilityBins(conf, ok))).toBeCloseTo(0, 10);
    expect(expectedCalibrationError(reliabilityBins([], []))).toBe(0);
  });

  it('refuses mismatched lengths and non-finite confidences', () => {
    expect(() => reliabilityBins([0.5], [])).toThrow(RangeError);
    expect(() => reliabilityBins([NaN], [true])).toThrow(RangeError);
  });

  it('is the one ECE that the eval report uses', () => {
    const r = calibration(confidences, correct)!;
    expect(r.ece).toBe(0.221); // 1.55 / 7 = 0.22142..., rounded to 3 places
    expect(r.bins).toHaveLength(10);
    expect(r.bins[9]).toMatchObject({ count: 4, meanConfidence: 0.95, accuracy: 0.75 });
  });
});

describe('Brier score', () => {
  it('sums squared differences to the one-hot gold label, averaged over answers', () => {
    // (0.7 - 1)^2 + 0.2^2 + 0.1^2 = 0.09 + 0.04 + 0.01 = 0.14; a sure right answer 0; a sure wrong 2
    expect(multiclassBrier([[0.7, 0.2, 0.1]], [0])).toBeCloseTo(0.14, 10);
    expect(multiclassBrier([[1, 0, 0]], [0])).toBe(0);
    expect(multiclassBrier([[1, 0, 0]], [2])).toBe(2);
    expect(topLabelDistribution(1, 0.6, 3).map((p) => Math.round(p * 10) / 10)).toEqual([
      0.2, 0.6, 0.2,
    ]);
  });

  it('is in the JSON report with the bins and the ECE', () => {
    const items: LabeledClaim[] = [
      { id: 'a', claim: 'x', label: 'SUPPORTED', evidence: [] },
      { id: 'b', claim: 'y', label: 'REFUTED', evidence: [] },
    ];
    const predictions: Prediction[] = [
      { id: 'a', verdict: 'SUPPORTED', confidence: 0.8, citations: [], offsetErrors: 0, gold: [] },
      { id: 'b', verdict: 'SUPPORTED', confidence: 0.6, citations: [], offsetErrors: 0, gold: [] },
    ];
    const json = JSON.parse(JSON.stringify(scoreEval(items, predictions))) as {
      calibration: { ece: number; brier: number; bins: { count: number }[] };
    };
    // a: [0.8, 0.1, 0.1] vs SUPPORTED: 0.04 + 0.01 + 0.01 = 0.06
    // b: [0.6, 0.2, 0.2] vs REFUTED:   0.36 + 0.64 + 0.04 = 1.04; mean 0.55
    expect(json.calibration.brier).toBe(0.55);
    // bin 8 (0.8, right): gap 0.2; bin 6 (0.6, wrong): gap 0.6; ECE (0.2 + 0.6) / 2
    expect(json.calibration.ece).toBe(0.4);
    expect(json.calibration.bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
  });
});

/** The chunks of a PNG file, each with its CRC checked. */
function chunks(png: Buffer): { type: string; body: Buffer }[] {
  const out: { type: string; body: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const typeAndBody = png.subarray(at + 4, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(typeAndBody));
    out.push({ type: typeAndBody.subarray(0, 4).toString('ascii'), body: typeAndBody.subarray(4) });
    at += 12 + length;
  }
  return out;
}

describe('PNG and reliability diagram', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('encodes a tiny image whose rows inflate back to the pixels', () => {
    const img = createImage(2, 1, [1, 2, 3]);
    img.data.set([250, 251, 252], 3);
    const idat = chunks(encodePng(img)).find((c) => c.type === 'IDAT')!;
    expect([...inflateSync(idat.body)]).toEqual([0, 1, 2, 3, 250, 251, 252]);
  });

  it('writes a diagram that decodes: signature, size, scanlines and the diagonal', async () => {
    const bins = reliabilityBins([0.55, 0.65, 0.95, 0.95], [true, false, true, true]);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'calibration-'));
    try {
      const file = path.join(dir, 'diagram.png');
      await writeFile(file, reliabilityDiagramPng(bins));
      const png = await readFile(file);

      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const all = chunks(png);
      expect(all.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
      const ihdr = all[0]!.body;
      const width = ihdr.readUInt32BE(0);
      const height = ihdr.readUInt32BE(4);
      expect([width, height]).toEqual([480, 480]);
      expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]); // 8-bit RGB, no interlace

      const raw = inflateSync(all[1]!.body);
      expect(raw.length).toBe(height * (1 + 3 * width));
      const pixel = (x: number, y: number) => {
        const row = y * (1 + 3 * width);
        expect(raw[row]).toBe(0); // filter type none
        return [...raw.subarray(row + 1 + 3 * x, row + 4 + 3 * x)];
      };
      const L = diagramLayout(480);
      expect(pixel(L.x(0.5), L.y(0.5))).not.toEqual([...BACKGROUND]); // on the diagonal
      expect(pixel(L.x(0.3), L.y(0.3))).not.toEqual([...BACKGROUND]); // also over an empty bin
      expect(pixel(L.x(0.975), L.y(0.5))).not.toEqual([...BACKGROUND]); // inside the 0.9 bar
      expect(pixel(L.x(0.13), L.y(0.9))).toEqual([...BACKGROUND]); // empty bin, far from lines
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
