import type { PaymentDecisionsRepository } from './payment-decisions.repository';
import { StripeAccountResolver } from './stripe/stripe-account.resolver';
import { PaymentErasureService } from './payment-erasure.service';
import type { PaymentRepository } from './payment.repository';
import type { PaymentView } from './payment.types';

const DAY_MS = 24 * 3_600_000;
const T0 = new Date('2026-01-01T00:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);

function payment(overrides: Partial<PaymentView> & { id: string }): PaymentView {
  return {
    sellerId: 'seller-1',
    planId: 'plan-1',
    plan: {
      name: 'Monthly',
      priceMinor: 1000,
      currency: 'USD',
      durationDays: 30,
      durationMinutes: null,
      billing: 'one_off',
      accessMode: 'invite_link',
      channels: [],
    },
    kind: 'purchase',
    provider: 'stripe',
    status: 'succeeded',
    amountMinor: 1000,
    discountMinor: 0,
    currency: 'USD',
    customer: { email: 'a@example.com' },
    createdAt: T0,
    paidAt: T0,
    day: '2026-01-01',
    updatedAt: T0,
    ...overrides,
  };
}

/** The service over in-memory stand-ins of its two repositories. */
function serviceWith(params: {
  expired: PaymentView[];
  renewals?: Record<string, PaymentView[]>;
  claimedBy?: Record<string, number>;
}) {
  const payments = {
    findExpiredUnclaimed: jest.fn(({ skip, limit }: { skip: number; limit: number }) =>
      Promise.resolve(params.expired.slice(skip, skip + limit)),
    ),
    listRenewals: jest.fn((id: string) => Promise.resolve(params.renewals?.[id] ?? [])),
  };
  const decisions = {
    claimOf: jest.fn((id: string) => Promise.resolve(params.claimedBy?.[id])),
  };
  return new PaymentErasureService(
    payments as unknown as PaymentRepository,
    decisions as unknown as PaymentDecisionsRepository,
    // scanUnclaimed never calls Stripe.
    {} as StripeAccountResolver,
    { now: () => T0 },
  );
}

describe('PaymentErasureService.scanUnclaimed', () => {
  it('lets an unclaimed payment go, with its renewals and grants, once its paid time is over', async () => {
    const root = payment({ id: 'p1', grantId: 'stripe:cs_1' });
    const renewal = payment({ id: 'p2', kind: 'renewal', paidAt: at(30), grantId: 'stripe:in_2' });
    const service = serviceWith({ expired: [root], renewals: { p1: [renewal] } });

    const scan = await service.scanUnclaimed({ endedBefore: at(61), skip: 0, limit: 10 });

    expect(scan).toEqual({
      ended: [
        {
          sellerId: 'seller-1',
          paymentIds: ['p1', 'p2'],
          grantIds: ['stripe:cs_1', 'stripe:in_2'],
        },
      ],
      kept: 0,
      read: 1,
    });
  });

  it('keeps a subscription whose latest renewal still runs, its first period counting its slack', async () => {
    const recurring = payment({ id: 'p1' }).plan;
    recurring.billing = 'recurring';
    const root = payment({ id: 'p1', plan: recurring });
    const renewal = payment({ id: 'p2', kind: 'renewal', plan: recurring, paidAt: at(30) });
    const service = serviceWith({ expired: [root], renewals: { p1: [renewal] } });
    expect((await service.scanUnclaimed({ endedBefore: at(59), skip: 0, limit: 10 })).kept).toBe(1);

    const alone = serviceWith({ expired: [payment({ id: 'p3', plan: recurring })] });
    expect((await alone.scanUnclaimed({ endedBefore: at(30.5), skip: 0, limit: 10 })).kept).toBe(1);
    expect((await alone.scanUnclaimed({ endedBefore: at(31), skip: 0, limit: 10 })).kept).toBe(0);
  });

  it('keeps a payment whose claim was decided but not yet recorded on it', async () => {
    const service = serviceWith({ expired: [payment({ id: 'p1' })], claimedBy: { p1: 4242 } });

    const scan = await service.scanUnclaimed({ endedBefore: at(90), skip: 0, limit: 10 });

    expect(scan).toEqual({ ended: [], kept: 1, read: 1 });
  });
});
