import type { Coupon } from '../objects/coupon';
import { addInterval } from '../time';

/** The discount a coupon gives on a subtotal, in minor units; never more than the subtotal. */
export function discountAmount(coupon: Coupon | null, subtotal: number): number {
  if (!coupon) {
    return 0;
  }
  if (coupon.percent_off !== null) {
    return Math.min(subtotal, Math.round((subtotal * coupon.percent_off) / 100));
  }
  return Math.min(subtotal, coupon.amount_off ?? 0);
}

/**
 * Splits a discount across lines in proportion to their subtotals; rounding leftovers go to the
 * last line so the parts always add up to the whole, as Stripe's per-line amounts do.
 */
export function allocateDiscount(subtotals: number[], discount: number): number[] {
  const total = subtotals.reduce((sum, value) => sum + value, 0);
  if (total === 0 || discount === 0) {
    return subtotals.map(() => 0);
  }
  const parts = subtotals.map((value) => Math.floor((discount * value) / total));
  const allocated = parts.reduce((sum, value) => sum + value, 0);
  parts[parts.length - 1] += discount - allocated;
  return parts;
}

/** Whether a subscription's coupon still discounts the period starting at `periodStart`. */
export function couponAppliesToRenewal(input: {
  coupon: Coupon;
  subscriptionStart: number;
  periodStart: number;
}): boolean {
  const { coupon } = input;
  switch (coupon.duration) {
    case 'once':
      return false;
    case 'forever':
      return true;
    case 'repeating': {
      const ends = addInterval({
        fromSeconds: input.subscriptionStart,
        interval: 'month',
        count: coupon.duration_in_months ?? 0,
      });
      return input.periodStart < ends;
    }
  }
}
