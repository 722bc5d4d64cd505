import { durationLabel, isTestDuration, parseTestDuration } from './test-duration';

describe('parseTestDuration', () => {
  it('reads minutes, hours and days', () => {
    expect(parseTestDuration('1m')).toBe(1);
    expect(parseTestDuration('2m')).toBe(2);
    expect(parseTestDuration('1h')).toBe(60);
    expect(parseTestDuration(' 1D ')).toBe(1440);
  });

  it('refuses anything else, zero, and more than 30 days', () => {
    for (const text of ['', '1', 'm', '1w', '0m', '-1m', '31d', '1.5h', undefined]) {
      expect(parseTestDuration(text)).toBeUndefined();
    }
  });

  it('accepts button minutes up to 30 days, as long as the longest typed duration', () => {
    expect(isTestDuration(parseTestDuration('30d')!)).toBe(true);
    expect(isTestDuration(43_200)).toBe(true);
    for (const minutes of [0, -1, 1.5, 43_201, Number.NaN]) {
      expect(isTestDuration(minutes)).toBe(false);
    }
  });

  it('labels a duration in its largest whole unit', () => {
    expect(durationLabel(1)).toBe('1m');
    expect(durationLabel(120)).toBe('2h');
    expect(durationLabel(2880)).toBe('2d');
  });
});
