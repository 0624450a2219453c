import { restartDelayMs } from '../../src/server/pool/restart-delay.js';

describe('the delay before a dead check worker is replaced', () => {
  it('is none for a lone death, then doubles from a second with each further recent one', () => {
    const delays = [1, 2, 3, 4].map(restartDelayMs);
    expect(delays[0]).toBe(0);
    expect(delays[1]).toBe(1000);
    expect(delays[2]).toBe(2 * delays[1]!);
    expect(delays[3]).toBe(2 * delays[2]!);
  });

  it('stops growing at half a minute, so that a crash loop still retries', () => {
    expect(restartDelayMs(50)).toBe(30_000);
    expect(restartDelayMs(1000)).toBe(30_000);
  });
});
