import { durationLabel, parseTestDuration } from './test-duration';

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

  it('labels a duration in its largest whole unit', () => {
    expect(durationLabel(1)).toBe('1m');
    expect(durationLabel(120)).toBe('2h');
    expect(durationLabel(2880)).toBe('2d');
  });
});
