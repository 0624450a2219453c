import { jest } from '@jest/globals';
import { throttle } from '../../client/src/console/throttle.js';

describe('console refresh throttle', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('runs at once, then folds a burst of calls into one run when the interval ends', () => {
    let runs = 0;
    const refresh = throttle(() => runs++, 1000);
    refresh();
    expect(runs).toBe(1);
    for (let i = 0; i < 50; i++) {
      jest.advanceTimersByTime(10);
      refresh();
    }
    expect(runs).toBe(1);
    jest.advanceTimersByTime(500);
    expect(runs).toBe(2);
    jest.advanceTimersByTime(5000);
    expect(runs).toBe(2);
    refresh();
    expect(runs).toBe(3);
  });
});
