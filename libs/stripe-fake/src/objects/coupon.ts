import type { Metadata } from './common';

export type CouponDuration = 'once' | 'forever' | 'repeating';
export const COUPON_DURATIONS: readonly CouponDuration[] = ['forever', 'once', 'repeating'];

export interface Coupon {
  id: string;
  object: 'coupon';
  amount_off: number | null;
  created: number;
  currency: string | null;
  duration: CouponDuration;
  duration_in_months: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Metadata;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
}

export function buildCoupon(input: {
  id: string;
  discount: { percentOff: number } | { amountOff: number; currency: string };
  duration: CouponDuration;
  durationInMonths?: number;
  maxRedemptions?: number;
  redeemBy?: number;
  name?: string;
  metadata?: Metadata;
  now: number;
}): Coupon {
  const percent = 'percentOff' in input.discount ? input.discount : null;
  const amount = 'amountOff' in input.discount ? input.discount : null;
  return {
    id: input.id,
    object: 'coupon',
    amount_off: amount?.amountOff ?? null,
    created: input.now,
    currency: amount?.currency ?? null,
    duration: input.duration,
    duration_in_months: input.durationInMonths ?? null,
    livemode: false,
    max_redemptions: input.maxRedemptions ?? null,
    metadata: input.metadata ?? {},
    name: input.name ?? null,
    percent_off: percent?.percentOff ?? null,
    redeem_by: input.redeemBy ?? null,
    times_redeemed: 0,
    valid: true,
  };
}

/** Whether the coupon can still be redeemed at `now`; Stripe reports this as `valid`. */
export function isCouponRedeemable(coupon: Coupon, now: number): boolean {
  if (coupon.redeem_by !== null && now > coupon.redeem_by) {
    return false;
  }
  return coupon.max_redemptions === null || coupon.times_redeemed < coupon.max_redemptions;
}
