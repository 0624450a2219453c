import { meanDirection, tokenWindows } from '../../src/embed/token-windows.js';
import { dot } from '../../src/embed/vectors.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('token windows', () => {
  it('keeps a sequence that fits as one window', () => {
    expect(tokenWindows(range(5), 5)).toEqual([range(5)]);
  });

  it('covers every token with the fewest evenly spaced windows of the given size', () => {
    const windows = tokenWindows(range(10), 4);
    expect(windows).toEqual([
      [0, 1, 2, 3],
      [3, 4, 5, 6],
      [6, 7, 8, 9],
    ]);
    expect(new Set(windows.flat())).toEqual(new Set(range(10)));
  });

  it('averages unit vectors into a unit vector between them', () => {
    const mean = meanDirection([Float32Array.of(1, 0), Float32Array.of(0, 1)]);
    expect(mean[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(mean[1]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(dot(mean, mean)).toBeCloseTo(1, 6);
  });
});
