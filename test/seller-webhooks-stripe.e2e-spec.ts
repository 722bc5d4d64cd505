import { eventOfType, StripeFakeServer, type StripeEvent } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { createEndpoint, TestEndpoint } from './factories/webhook-endpoint.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { deliverAll, platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, type TelegramTestApp } from './support/telegram-fake';
import { verifyMembergateWebhook, WebhookReceiver } from './support/webhook-receiver';

describe('Seller webhooks for a Stripe subscription, from checkout to a failed renewal', () => {
  const clock = new FakeClock('2026-08-01T10:00:00.000Z');
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let receiver: WebhookReceiver;
  let shop: TestShop;
  let plan: TestPlan;
  let endpoint: TestEndpoint;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start({ clock: () => clock.now() });
    platform = platformStripe(stripe);
    receiver = await WebhookReceiver.start();
    t = await createTelegramTestApp({ tg, mode: 'webhook', clock, env: platform.env });
    shop = await createShop(t, { channels: 1 });
    plan = await createShopPlan(t, shop, { billing: 'recurring', durationDays: 30 });
    endpoint = await createEndpoint(t, shop.seller, {
      url: receiver.url('/stripe'),
      events: ['payment.succeeded', 'payment.failed', 'subscription.renewed'],
    });
  });
  afterAll(async () => {
    await t.close();
    await receiver.stop();
    await stripe.stop();
    await tg.stop();
  });

  const deliver = (events: readonly StripeEvent[]) =>
    deliverAll(t, events, { secret: platform.webhookSecret });
  const dispatch = () => t.app.get(OutboxService).dispatchDue();
  const received = () => receiver.to('/stripe');

  it('tells the seller about the payment, the renewal and the failed renewal, once each', async () => {
    const userId = 940_000_000 + (process.pid % 100_000);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: userId, email: 'sub@example.com' }))
      .expect(201);
    const paid = stripe.completeCheckout(res.body.checkoutUrl.split('/checkout/')[1]);
    await deliver(paid);
    await dispatch();

    expect(received().map((r) => r.json.type)).toEqual(['payment.succeeded']);
    const [purchase] = received();
    expect(purchase.json.data).toMatchObject({
      paymentId: res.body.paymentId,
      planId: plan.id,
      kind: 'purchase',
      provider: 'stripe',
      amountMinor: 1999,
      currency: 'USD',
      telegramUserId: userId,
      membershipId: expect.stringMatching(/^[0-9a-f]{24}$/),
      customer: { email: 'sub@example.com', name: 'Ann Buyer', phone: null },
    });
    expect(
      verifyMembergateWebhook({
        rawBody: purchase.body,
        headers: purchase.headers,
        secret: endpoint.secret,
        nowSeconds: Math.floor(clock.now().getTime() / 1000),
      }),
    ).toBe(true);

    const subscriptionId = eventOfType(paid, 'checkout.session.completed')!.data.object
      .subscription!;
    clock.advance(30 * DAY);
    const renewal = stripe.renewSubscription(subscriptionId);
    await deliver(renewal);
    await deliver(renewal); // Stripe delivers again: nothing new for the seller
    await dispatch();
    expect(
      received()
        .map((r) => r.json.type)
        .sort(),
    ).toEqual(['payment.succeeded', 'payment.succeeded', 'subscription.renewed']);
    const renewed = received().find((r) => r.json.type === 'subscription.renewed')!;
    expect(renewed.json.data).toMatchObject({
      membershipId: purchase.json.data.membershipId,
      planId: plan.id,
      telegramUserId: userId,
      provider: 'stripe',
    });
    expect(received().filter((r) => r.json.data.kind === 'renewal')).toHaveLength(1);

    clock.advance(30 * DAY + 60 * 60 * 1000);
    await deliver(stripe.failRenewal(subscriptionId));
    await dispatch();
    const failed = received().filter((r) => r.json.type === 'payment.failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].json.data).toMatchObject({
      kind: 'renewal',
      membershipId: purchase.json.data.membershipId,
      attemptCount: 1,
      failureReason: expect.any(String),
    });
    // Stripe's own references stay internal.
    expect(JSON.stringify(received().map((r) => r.json))).not.toMatch(
      /\b(cs_test|sub|in|pi|cus)_[A-Za-z0-9]{6,}/,
    );
  });
});
