import { discountMinor } from './promo-discount';

const percent = (percentOff: number) =>
  ({ percentOff, amountOffMinor: null, currency: null }) as const;
const amount = (amountOffMinor: number) =>
  ({ percentOff: null, amountOffMinor, currency: 'USD' }) as const;

describe('discountMinor', () => {
  it('takes a percentage, rounded to the nearest minor unit', () => {
    expect(discountMinor(percent(25), 1999)).toBe(500);
    expect(discountMinor(percent(10), 999)).toBe(100);
    expect(discountMinor(percent(100), 1999)).toBe(1999);
  });

  it('takes a fixed amount, never more than the price', () => {
    expect(discountMinor(amount(500), 1999)).toBe(500);
    expect(discountMinor(amount(5000), 1999)).toBe(1999);
  });

  it('works on whole Stars', () => {
    expect(discountMinor(percent(15), 7)).toBe(1);
  });
});
