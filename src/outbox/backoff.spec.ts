import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('tries at once before any failure', () => {
    expect(retryDelayMs(0)).toBe(0);
  });

  it('doubles from 5 s after each failure', () => {
    expect([1, 2, 3, 4, 5, 6].map(retryDelayMs)).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000,
    ]);
  });

  it('never waits more than 5 minutes', () => {
    expect(retryDelayMs(7)).toBe(300_000);
    expect(retryDelayMs(50)).toBe(300_000);
  });
});
