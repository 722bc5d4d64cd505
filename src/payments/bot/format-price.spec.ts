import { formatDuration, formatPrice } from './format-price';

describe('formatPrice', () => {
  it('shows minor units as the currency’s major unit', () => {
    expect(formatPrice(1999, 'USD')).toBe('19.99 USD');
    expect(formatPrice(500, 'JPY')).toBe('500 JPY');
    expect(formatPrice(50, 'XTR')).toBe('⭐ 50');
  });

  it('names the duration in its own unit', () => {
    expect(formatDuration({ durationDays: 30, durationMinutes: null })).toBe('30 days');
    expect(formatDuration({ durationDays: null, durationMinutes: 1 })).toBe('1 minute');
  });
});
