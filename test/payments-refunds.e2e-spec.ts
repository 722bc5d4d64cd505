import {
  eventOfType,
  type StripeEvent,
  type StripeFakeServer,
  type Subscription,
} from '@app/stripe-fake';
import { PaymentEvents, type PaymentRefundedEvent } from '../src/payments/payments.events';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { eventRecorder, type EventRecorder } from './factories/event-recorder.factory';
import { asSeller } from './factories/seller.factory';
import { startStripePlatform, type StripePlatform } from './factories/stripe-platform.factory';
import { deliverAll, type PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';

const refunds = eventRecorder<PaymentRefundedEvent>(PaymentEvents.Refunded);

describe('Refunds revoke access', () => {
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let shop: TestShop;
  let probe: EventRecorder<PaymentRefundedEvent>;
  let env: StripePlatform;
  let userSeq = 0;

  beforeAll(async () => {
    env = await startStripePlatform({ extraImports: [refunds.module] });
    ({ stripe, platform, t } = env);
    probe = t.app.get(refunds.recorder);
    shop = await createShop(t, { channels: 2 });
  });
  afterAll(() => env.close());

  const refundsOf = (paymentId: string) => probe.events.filter((e) => e.payment.id === paymentId);
  const deliver = (events: readonly StripeEvent[]) =>
    deliverAll(t, events, { secret: platform.webhookSecret });
  const refund = (paymentId: string, body: object = {}) =>
    asSeller(t.http().post(`/api/sellers/payments/${paymentId}/refund`), shop.seller).send(body);
  const membershipOf = (planId: string, telegramUserId: number) =>
    t.connection.collection('memberships').findOne({ planId, telegramUserId });
  const removalJobsOf = (membershipId: string) =>
    t.connection
      .collection('outbox_jobs')
      .countDocuments({ kind: 'access.remove', 'correlation.membershipId': membershipId });

  async function paidCheckout(overrides: Record<string, unknown> = {}) {
    const plan = await createShopPlan(t, shop, overrides);
    const userId = 940_000_000 + (userSeq += 1) * 1_000 + (process.pid % 1_000);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: userId }))
      .expect(201);
    const events = stripe.completeCheckout(res.body.checkoutUrl.split('/checkout/')[1]);
    await deliver(events);
    return { plan, userId, paymentId: res.body.paymentId as string, events };
  }

  it('refunds a card payment through Stripe, removes the member from every channel, and says so once', async () => {
    const { plan, userId, paymentId, events } = await paidCheckout();
    const paymentIntent = eventOfType(events, 'checkout.session.completed')!.data.object
      .payment_intent as string;

    const res = await refund(paymentId, { reason: 'asked within a week' }).expect(200);

    expect(res.body).toMatchObject({
      status: 'refunded',
      refund: { source: 'seller', amountMinor: 1999, reason: 'asked within a week' },
    });
    const [refundCall] = stripe.requests({ method: 'POST', path: '/v1/refunds' }).slice(-1);
    expect(refundCall).toMatchObject({
      secretKey: platform.secretKey,
      params: { payment_intent: paymentIntent },
      headers: { idempotencyKey: `refund:${paymentId}` },
      status: 200,
    });
    const membership = await membershipOf(plan.id, userId);
    expect(membership).toMatchObject({ status: 'removed' });
    expect(await removalJobsOf(membership!._id.toString())).toBe(shop.channels.length);
    expect(refundsOf(paymentId)).toEqual([
      expect.objectContaining({ membershipId: membership!._id.toString(), source: 'seller' }),
    ]);

    // Stripe then reports the refund; it was already recorded.
    const reported = stripe
      .events({ type: 'charge.refunded' })
      .filter(
        (e) => e.type === 'charge.refunded' && e.data.object.payment_intent === paymentIntent,
      );
    await deliver(reported);
    await refund(paymentId).expect(200);
    expect(refundsOf(paymentId)).toHaveLength(1);
    expect(
      stripe
        .requests({ method: 'POST', path: '/v1/refunds' })
        .filter((r) => r.params.payment_intent === paymentIntent),
    ).toHaveLength(1);
  });

  it('revokes access when Stripe reports a full refund made in the Dashboard', async () => {
    const { plan, userId, paymentId, events } = await paidCheckout();
    const paymentIntent = eventOfType(events, 'checkout.session.completed')!.data.object
      .payment_intent as string;

    await deliver(stripe.refund(paymentIntent));

    const stored = await asSeller(
      t.http().get(`/api/sellers/payments/${paymentId}`),
      shop.seller,
    ).expect(200);
    expect(stored.body).toMatchObject({ status: 'refunded', refund: { source: 'stripe' } });
    expect(await membershipOf(plan.id, userId)).toMatchObject({ status: 'removed' });
  });

  it('keeps access after a partial refund', async () => {
    const { plan, userId, paymentId, events } = await paidCheckout();
    const paymentIntent = eventOfType(events, 'checkout.session.completed')!.data.object
      .payment_intent as string;

    await deliver(stripe.refund(paymentIntent, 500));

    expect(await membershipOf(plan.id, userId)).toMatchObject({ status: 'active' });
    const stored = await asSeller(
      t.http().get(`/api/sellers/payments/${paymentId}`),
      shop.seller,
    ).expect(200);
    expect(stored.body.status).toBe('succeeded');
  });

  it('refunds a subscription’s payment and cancels the subscription, so it is not charged again', async () => {
    const { paymentId, events } = await paidCheckout({ billing: 'recurring', durationDays: 30 });
    const subscriptionId = eventOfType(events, 'checkout.session.completed')!.data.object
      .subscription as string;

    await refund(paymentId).expect(200);

    const [refundCall] = stripe.requests({ method: 'POST', path: '/v1/refunds' }).slice(-1);
    const invoice = eventOfType(events, 'invoice.paid')!.data.object;
    expect(refundCall.params.payment_intent).toBe(invoice.payments.data[0].payment.payment_intent);
    expect(stripe.retrieve<Subscription>(subscriptionId)?.status).toBe('canceled');
  });

  it('refuses to refund a payment that is not paid (409) or not the seller’s (404)', async () => {
    const plan = await createShopPlan(t, shop);
    const pending = await t.http().post('/api/checkout').send(checkoutBody(plan.id)).expect(201);

    const notPaid = await refund(pending.body.paymentId).expect(409);
    const unknown = await refund('6660a1b2c3d4e5f601234567').expect(404);

    expect(notPaid.body.error.code).toBe('PAYMENT_NOT_REFUNDABLE');
    expect(unknown.body.error.code).toBe('PAYMENT_NOT_FOUND');
    expect(
      stripe
        .requests({ method: 'POST', path: '/v1/refunds' })
        .filter(
          (r) =>
            r.params.metadata &&
            (r.params.metadata as Record<string, string>).paymentId === pending.body.paymentId,
        ),
    ).toHaveLength(0);
  });
});
