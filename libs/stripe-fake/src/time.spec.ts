import { addInterval } from './time';

const at = (iso: string): number => Date.parse(iso) / 1000;
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

describe('addInterval', () => {
  it('adds days and weeks as fixed seconds', () => {
    expect(
      iso(addInterval({ fromSeconds: at('2026-03-01T10:00:00Z'), interval: 'day', count: 3 })),
    ).toBe('2026-03-04T10:00:00.000Z');
    expect(
      iso(addInterval({ fromSeconds: at('2026-03-01T10:00:00Z'), interval: 'week', count: 2 })),
    ).toBe('2026-03-15T10:00:00.000Z');
  });

  it('moves months on the calendar and clamps to the last day of a shorter month', () => {
    expect(
      iso(addInterval({ fromSeconds: at('2026-01-31T08:30:00Z'), interval: 'month', count: 1 })),
    ).toBe('2026-02-28T08:30:00.000Z');
    expect(
      iso(addInterval({ fromSeconds: at('2028-01-31T08:30:00Z'), interval: 'month', count: 1 })),
    ).toBe('2028-02-29T08:30:00.000Z');
    expect(
      iso(addInterval({ fromSeconds: at('2026-11-15T00:00:00Z'), interval: 'month', count: 3 })),
    ).toBe('2027-02-15T00:00:00.000Z');
  });

  it('adds years as twelve months', () => {
    expect(
      iso(addInterval({ fromSeconds: at('2028-02-29T12:00:00Z'), interval: 'year', count: 1 })),
    ).toBe('2029-02-28T12:00:00.000Z');
  });
});
