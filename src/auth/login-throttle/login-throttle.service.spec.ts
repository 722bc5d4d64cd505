import { LOGIN_THROTTLE } from '../auth.constants';
import { waitFor } from './login-throttle.service';

const now = new Date('2026-01-01T12:00:00.000Z');
const ago = (ms: number): Date => new Date(now.getTime() - ms);

describe('waitFor (login throttle)', () => {
  it('lets an attempt through below the limit', () => {
    expect(waitFor([ago(1000), ago(500)], 5, now)).toBeUndefined();
  });

  it('waits until the oldest counted failure leaves the window when exactly at the limit', () => {
    const times = [ago(10 * 60_000), ago(5000), ago(4000), ago(3000), ago(2000)];
    expect(waitFor(times, 5, now)).toBe(LOGIN_THROTTLE.windowMs / 1000 - 10 * 60);
  });

  it('waits for enough failures to expire when over the limit (after a concurrent burst)', () => {
    const times = [
      ago(14 * 60_000),
      ago(13 * 60_000),
      ago(60_000),
      ago(50_000),
      ago(40_000),
      ago(30_000),
    ];
    // Two must expire to get under 5: the second oldest decides.
    expect(waitFor(times, 5, now)).toBe(2 * 60);
  });

  it('never answers less than a second', () => {
    const times = Array.from({ length: 5 }, () => ago(LOGIN_THROTTLE.windowMs - 10));
    expect(waitFor(times, 5, now)).toBe(1);
  });
});
