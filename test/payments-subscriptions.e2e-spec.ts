import { eventOfType, type StripeEvent, type StripeFakeServer } from '@app/stripe-fake';
import { PaymentEvents, type PaymentFailedEvent } from '../src/payments/payments.events';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { eventRecorder } from './factories/event-recorder.factory';
import { createApiKey } from './factories/seller.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { startStripePlatform, type StripePlatform } from './factories/stripe-platform.factory';
import { deliverAll, type PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';

const failedPayments = eventRecorder<PaymentFailedEvent>(PaymentEvents.Failed);

describe('Stripe subscriptions: renewals, failures and cancellations', () => {
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let clock: FakeClock;
  let t: TelegramTestApp;
  let shop: TestShop;
  let apiKey: string;
  let plan: TestPlan;
  let env: StripePlatform;
  let userSeq = 0;

  beforeAll(async () => {
    clock = new FakeClock('2026-03-01T09:00:00.000Z');
    env = await startStripePlatform({
      clock,
      stripeOnAppClock: true,
      extraImports: [failedPayments.module],
    });
    ({ stripe, platform, t } = env);
    shop = await createShop(t, { channels: 2 });
    // An API key: access tokens expire while the clock moves over months.
    apiKey = (await createApiKey(t, shop.seller)).key;
    plan = await createShopPlan(t, shop, { billing: 'recurring', durationDays: 30 });
  });
  afterAll(() => env.close());

  const deliver = (events: readonly StripeEvent[]) =>
    deliverAll(t, events, { secret: platform.webhookSecret });
  const membershipOf = (telegramUserId: number) =>
    t.connection.collection('memberships').findOne({ planId: plan.id, telegramUserId });
  const paymentsOf = (parentPaymentId: string) =>
    t.connection.collection('payments').find({ parentPaymentId }).toArray();

  /** A subscriber whose first payment was granted; returns their subscription id. */
  async function subscribe(): Promise<{
    userId: number;
    paymentId: string;
    subscriptionId: string;
  }> {
    const userId = 930_000_000 + (userSeq += 1) * 1_000 + (process.pid % 1_000);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: userId }))
      .expect(201);
    const events = stripe.completeCheckout(res.body.checkoutUrl.split('/checkout/')[1]);
    await deliver(events);
    const session = eventOfType(events, 'checkout.session.completed')!.data.object;
    return { userId, paymentId: res.body.paymentId, subscriptionId: session.subscription! };
  }

  it('stacks a renewal paid by invoice.paid onto the paid time, as a payment of its own', async () => {
    const { userId, paymentId, subscriptionId } = await subscribe();
    const first = (await membershipOf(userId))!.expiresAt as Date;

    clock.advance(30 * DAY);
    const renewal = stripe.renewSubscription(subscriptionId);
    await deliver(renewal);

    const membership = await membershipOf(userId);
    expect(membership).toMatchObject({ status: 'active' });
    expect((membership!.expiresAt as Date).getTime()).toBe(first.getTime() + 30 * DAY);
    const invoice = eventOfType(renewal, 'invoice.paid')!.data.object;
    const [renewed] = await paymentsOf(paymentId);
    expect(renewed).toMatchObject({
      kind: 'renewal',
      status: 'succeeded',
      key: `stripe:invoice:${invoice.id}`,
      amountMinor: 1999,
      subscriptionId,
    });
    const listed = await t
      .http()
      .get('/api/sellers/payments?status=succeeded&limit=100')
      .set('X-API-Key', apiKey)
      .expect(200);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining([paymentId, renewed._id.toString()]),
    );

    await deliver(renewal);
    expect(((await membershipOf(userId))!.expiresAt as Date).getTime()).toBe(
      first.getTime() + 30 * DAY,
    );
  });

  it('announces a failed renewal (payment.failed) and puts the membership in grace', async () => {
    const { userId, paymentId, subscriptionId } = await subscribe();
    const probe = t.app.get(failedPayments.recorder);

    clock.advance(30 * DAY + 60 * 60 * 1000);
    await deliver(stripe.failRenewal(subscriptionId));

    const [failed] = await paymentsOf(paymentId);
    expect(failed).toMatchObject({ kind: 'renewal', status: 'failed' });
    const membership = await membershipOf(userId);
    expect(probe.events.find((e) => e.payment.id === failed._id.toString())).toMatchObject({
      sellerId: shop.seller.id,
      membershipId: membership!._id.toString(),
      subscriptionId,
      attempt: 1,
    });
    expect(membership).toMatchObject({ status: 'grace', graceEndsAt: expect.any(Date) });

    // Stripe's retry succeeds: the same invoice is paid, the member is active again.
    await deliver(stripe.renewSubscription(subscriptionId));
    expect(await membershipOf(userId)).toMatchObject({ status: 'active' });
    expect((await paymentsOf(paymentId))[0]).toMatchObject({ status: 'succeeded' });
  });

  it('does not let a late invoice.paid revive a subscription whose deletion arrived first', async () => {
    const { userId, paymentId, subscriptionId } = await subscribe();
    const before = await membershipOf(userId);

    clock.advance(29 * DAY);
    const renewal = stripe.renewSubscription(subscriptionId);
    const deletion = stripe.cancelSubscription(subscriptionId);
    await deliver(deletion);
    await deliver(renewal);

    const after = await membershipOf(userId);
    expect(after).toMatchObject({ status: 'active', renewalStoppedAt: expect.any(Date) });
    expect((after!.expiresAt as Date).getTime()).toBe((before!.expiresAt as Date).getTime());
    const invoice = eventOfType(renewal, 'invoice.paid')!.data.object;
    expect(
      await t.connection.collection('grants').countDocuments({ providerPaymentId: invoice.id }),
    ).toBe(0);
    const [late] = await paymentsOf(paymentId);
    expect(late).toMatchObject({
      status: 'cancelled',
      failureReason: expect.stringMatching(/ended/),
    });
  });

  it('keeps the paid time after a cancellation at period end, and grants nothing more', async () => {
    const { userId, subscriptionId } = await subscribe();
    const before = await membershipOf(userId);

    await deliver(stripe.cancelSubscription(subscriptionId, { atPeriodEnd: true }));
    expect(await membershipOf(userId)).toMatchObject({ status: 'active' });
    expect((await membershipOf(userId))!.renewalStoppedAt).toBeUndefined();

    clock.advance(30 * DAY);
    const ended = stripe.renewSubscription(subscriptionId);
    expect(ended.map((e) => e.type)).toEqual(['customer.subscription.deleted']);
    await deliver(ended);

    const after = await membershipOf(userId);
    expect(after).toMatchObject({ status: 'active', renewalStoppedAt: expect.any(Date) });
    expect((after!.expiresAt as Date).getTime()).toBe((before!.expiresAt as Date).getTime());
  });

  it('lists a seller’s payments with filters and pagination', async () => {
    const all = await t
      .http()
      .get('/api/sellers/payments?limit=2&offset=0')
      .set('X-API-Key', apiKey)
      .expect(200);
    expect(all.body).toMatchObject({ limit: 2, offset: 0, total: expect.any(Number) });
    expect(all.body.items).toHaveLength(2);
    const next = await t
      .http()
      .get('/api/sellers/payments?limit=2&offset=2')
      .set('X-API-Key', apiKey)
      .expect(200);
    expect(next.body.items[0].id).not.toBe(all.body.items[0].id);
    const failed = await t
      .http()
      .get('/api/sellers/payments?status=failed&provider=stripe')
      .set('X-API-Key', apiKey)
      .expect(200);
    expect(failed.body.items.every((p: { status: string }) => p.status === 'failed')).toBe(true);
    const future = await t
      .http()
      .get(`/api/sellers/payments?from=${new Date(clock.now().getTime() + DAY).toISOString()}`)
      .set('X-API-Key', apiKey)
      .expect(200);
    expect(future.body).toMatchObject({ items: [], total: 0 });
    await t.http().get('/api/sellers/payments?status=paid').set('X-API-Key', apiKey).expect(400);
  });
});
