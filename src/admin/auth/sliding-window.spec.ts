import { secondsUntilAllowed } from './sliding-window';

const at = (seconds: number): Date => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds));

describe('secondsUntilAllowed', () => {
  it('allows while under the limit', () => {
    expect(
      secondsUntilAllowed({ times: [at(0), at(1)], limit: 3, windowMs: 60_000, now: at(2) }),
    ).toBeUndefined();
  });

  it('waits until the oldest event that matters leaves the window', () => {
    const times = [at(0), at(10), at(20)];
    expect(secondsUntilAllowed({ times, limit: 3, windowMs: 60_000, now: at(30) })).toBe(30);
    expect(secondsUntilAllowed({ times, limit: 2, windowMs: 60_000, now: at(30) })).toBe(40);
  });

  it('never answers less than a second', () => {
    expect(secondsUntilAllowed({ times: [at(0)], limit: 1, windowMs: 1_000, now: at(1) })).toBe(1);
  });
});
