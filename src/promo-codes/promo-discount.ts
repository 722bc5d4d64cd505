/** What a promo code takes off: a percentage, or a fixed amount in one currency. */
export type PromoDiscountRule =
  | { percentOff: number; amountOffMinor: null; currency: null }
  | { percentOff: null; amountOffMinor: number; currency: string };

/**
 * The discount in minor units on `priceMinor`, never more than the price. Percentages round to
 * the nearest minor unit (as Stripe does for percent_off coupons).
 */
export function discountMinor(rule: PromoDiscountRule, priceMinor: number): number {
  const raw =
    rule.percentOff !== null
      ? Math.round((priceMinor * rule.percentOff) / 100)
      : rule.amountOffMinor;
  return Math.max(0, Math.min(priceMinor, raw));
}
