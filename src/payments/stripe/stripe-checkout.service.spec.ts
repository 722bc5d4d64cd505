import type { PaymentView } from '../payment.types';
import { billingDays } from './stripe-checkout.service';

const withPlan = (durationDays: number | null, durationMinutes: number | null) =>
  ({ plan: { durationDays, durationMinutes } }) as unknown as Pick<PaymentView, 'plan'>;

describe('billingDays', () => {
  it('bills a subscription every plan period, in days', () => {
    expect(billingDays(withPlan(30, null))).toBe(30);
    expect(billingDays(withPlan(365, null))).toBe(365);
  });

  it('refuses periods Stripe cannot bill (minutes, over a year)', () => {
    expect(() => billingDays(withPlan(null, 10))).toThrow(/1 to 365 days/);
    expect(() => billingDays(withPlan(400, null))).toThrow(/1 to 365 days/);
  });
});
