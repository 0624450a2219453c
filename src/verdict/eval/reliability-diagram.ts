/**
 * A reliability diagram of the checker's confidence, drawn into an RGB raster: accuracy (bar
 * height) against confidence (x), one bar per non-empty bin, darker for more answers, a red
 * marker at the bin's mean confidence and the diagonal of perfect calibration.
 */
import { expectedCalibrationError, type ReliabilityBin } from './calibration.js';
import { createImage, encodePng, type Rgb, type RgbImage } from './png.js';

export const BACKGROUND: Rgb = [255, 255, 255];
const GRID: Rgb = [232, 232, 232];
const AXIS: Rgb = [0, 0, 0];
const DIAGONAL: Rgb = [110, 110, 110];
const MARKER: Rgb = [214, 39, 40];
const BAR_FEW: Rgb = [198, 219, 239];
const BAR_MANY: Rgb = [8, 48, 107];

/** Where the plot sits in a square image of `size` pixels, and how values map to pixels. */
export function diagramLayout(size = 480) {
  const left = 56;
  const top = 40;
  const side = size - left - 32;
  if (side < 100)
    throw new RangeError(`A reliability diagram needs at least 188 pixels, not ${size}.`);
  const bottom = top + side;
  return {
    size,
    left,
    top,
    side,
    /** Column of confidence c in [0, 1]. */
    x: (c: number) => left + Math.round(c * side),
    /** Row of accuracy a in [0, 1]. */
    y: (a: number) => bottom - Math.round(a * side),
  };
}

function fillRect(img: RgbImage, x0: number, y0: number, x1: number, y1: number, c: Rgb) {
  const xa = Math.max(0, Math.min(x0, x1));
  const xb = Math.min(img.width - 1, Math.max(x0, x1));
  const ya = Math.max(0, Math.min(y0, y1));
  const yb = Math.min(img.height - 1, Math.max(y0, y1));
  for (let y = ya; y <= yb; y++)
    for (let x = xa; x <= xb; x++) img.data.set(c, (y * img.width + x) * 3);
}

/**
 * 5x7 glyphs for the labels: 7 rows of 5 bits each (the top bit is the left pixel), as hex.
 * Characters without a glyph draw as a space.
 */
const FONT: Record<string, string> = {
  '0': '0e11131519110e',
  '1': '040c040404040e',
  '2': '0e11010204081f',
  '3': '1f02040201110e',
  '4': '02060a121f0202',
  '5': '1f101e0101110e',
  '6': '0608101e11110e',
  '7': '1f010204080808',
  '8': '0e11110e11110e',
  '9': '0e11110f01020c',
  '.': '00000000000c0c',
  '=': '00001f001f0000',
  A: '0e1111111f1111',
  C: '0e11101010110e',
  D: '1c12111111121c',
  E: '1f10101e10101f',
  F: '1f10101e101010',
  I: '0e04040404040e',
  N: '11111915131111',
  O: '0e11111111110e',
  R: '1e11111e141211',
  U: '1111111111110e',
  Y: '1111110a040404',
};

/** Width in pixels of `text` drawn at `scale`. */
const textWidth = (text: string, scale: number) => Math.max(0, text.length * 6 - 1) * scale;

function drawText(img: RgbImage, text: string, x: number, y: number, scale: number, c: Rgb) {
  [...text.toUpperCase()].forEach((ch, i) => {
    const glyph = FONT[ch];
    if (!glyph) return;
    for (let row = 0; row < 7; row++) {
      const bits = parseInt(glyph.slice(row * 2, row * 2 + 2), 16);
      for (let col = 0; col < 5; col++)
        if (bits & (0x10 >> col)) {
          const px = x + (i * 6 + col) * scale;
          const py = y + row * scale;
          fillRect(img, px, py, px + scale - 1, py + scale - 1, c);
        }
    }
  });
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb =>
  [0, 1, 2].map((k) => Math.round(a[k]! + (b[k]! - a[k]!) * t)) as unknown as Rgb;

/**
 * Draws the diagram for the given bins (from reliabilityBins). `ece` is printed at the top; by
 * default it is computed from the bins.
 */
export function drawReliabilityDiagram(
  bins: readonly ReliabilityBin[],
  options: { size?: number; ece?: number } = {},
): RgbImage {
  const L = diagramLayout(options.size);
  const img = createImage(L.size, L.size, BACKGROUND);
  const x0 = L.x(0);
  const y0 = L.y(0);

  // Grid and tick labels every 0.2.
  for (let t = 0; t <= 5; t++) {
    const v = t / 5;
    const label = t === 0 ? '0' : t === 5 ? '1' : v.toFixed(1);
    fillRect(img, L.x(v), L.y(0), L.x(v), L.y(1), GRID);
    fillRect(img, L.x(0), L.y(v), L.x(1), L.y(v), GRID);
    fillRect(img, L.x(v), y0 + 1, L.x(v), y0 + 5, AXIS);
    fillRect(img, x0 - 5, L.y(v), x0 - 1, L.y(v), AXIS);
    drawText(img, label, L.x(v) - Math.floor(textWidth(label, 2) / 2), y0 + 9, 2, AXIS);
    drawText(img, label, x0 - 9 - textWidth(label, 2), L.y(v) - 7, 2, AXIS);
  }

  // One bar per non-empty bin, shaded by its share of the fullest bin, with its count on top.
  const most = Math.max(1, ...bins.map((b) => b.count));
  for (const b of bins) {
    if (b.count === 0) continue;
    const top = L.y(b.accuracy);
    fillRect(img, L.x(b.lo) + 1, top, L.x(b.hi) - 1, y0, mix(BAR_FEW, BAR_MANY, b.count / most));
    const count = String(b.count);
    const mid = Math.round((L.x(b.lo) + L.x(b.hi)) / 2);
    drawText(img, count, mid - Math.floor(textWidth(count, 1) / 2), top - 13, 1, AXIS);
  }

  // The diagonal of perfect calibration, 2 pixels thick.
  for (let i = 0; i <= L.side; i++) fillRect(img, x0 + i, y0 - i, x0 + i + 1, y0 - i, DIAGONAL);

  // Mean confidence of each bin: a thin vertical line up to the bin's accuracy, and a dot there.
  for (const b of bins) {
    if (b.count === 0) continue;
    const mx = L.x(b.meanConfidence);
    const my = L.y(b.accuracy);
    fillRect(img, mx, Math.min(my, y0 - 8), mx + 1, y0, MARKER);
    fillRect(img, mx - 2, my - 2, mx + 3, my + 2, MARKER);
  }

  // Axes and titles.
  fillRect(img, x0 - 1, L.y(1), x0, y0 + 1, AXIS);
  fillRect(img, x0 - 1, y0, L.x(1), y0 + 1, AXIS);
  drawText(img, 'ACCURACY', 8, 10, 2, AXIS);
  const ece = `ECE ${(options.ece ?? expectedCalibrationError(bins)).toFixed(3)}`;
  drawText(img, ece, L.x(1) - textWidth(ece, 2), 10, 2, AXIS);
  const xName = 'CONFIDENCE';
  drawText(img, xName, L.x(0.5) - Math.floor(textWidth(xName, 2) / 2), y0 + 28, 2, AXIS);
  return img;
}

/** The reliability diagram as PNG file bytes. */
export function reliabilityDiagramPng(
  bins: readonly ReliabilityBin[],
  options: { size?: number; ece?: number } = {},
): Buffer {
  return encodePng(drawReliabilityDiagram(bins, options));
}
