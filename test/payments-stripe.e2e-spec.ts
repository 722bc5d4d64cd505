import { eventOfType, type StripeEvent, type StripeFakeServer } from '@app/stripe-fake';
import type { TelegramFakeServer } from '@app/telegram-fake';
import { Injectable, Module } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { PaymentEvents, type PaymentSucceededEvent } from '../src/payments/payments.events';
import { PaymentsService } from '../src/payments/payments.service';
import { drainOutbox, linkButtons } from './factories/membership.factory';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { asSeller } from './factories/seller.factory';
import { startStripePlatform, type StripePlatform } from './factories/stripe-platform.factory';
import { deliverAll, postStripeEvent, type PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Fails the first payment.succeeded of the payment it is armed for, like a crash midway. */
@Injectable()
class FailOnceProbe {
  armedFor: string | undefined;

  @OnEvent(PaymentEvents.Succeeded, { suppressErrors: false })
  onSucceeded(event: PaymentSucceededEvent): void {
    if (event.payment.id === this.armedFor) {
      this.armedFor = undefined;
      throw new Error('simulated failure after the grant');
    }
  }
}

@Module({ providers: [FailOnceProbe] })
class FailOnceProbeModule {}

describe('Stripe card payments: checkout to access, exactly once', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let shop: TestShop;
  let env: StripePlatform;
  let userSeq = 0;

  beforeAll(async () => {
    env = await startStripePlatform({ extraImports: [FailOnceProbeModule] });
    ({ tg, stripe, platform, t } = env);
    shop = await createShop(t, { channels: 2 });
  });
  afterAll(() => env.close());

  const buyer = (): number => 910_000_000 + process.pid * 10 + (userSeq += 1) * 100_000;
  const sessionIdOf = (checkoutUrl: string): string => checkoutUrl.split('/checkout/')[1];
  const payments = () => t.connection.collection('payments');
  const grantsOf = (paymentId: string) =>
    t.connection.collection('grants').find({ paymentId }).toArray();
  const linkJobsOf = (paymentId: string) =>
    t.connection
      .collection('outbox_jobs')
      .find({ kind: 'access.link', 'correlation.paymentId': paymentId })
      .toArray();
  const membershipOf = (planId: string, telegramUserId: number) =>
    t.connection.collection('memberships').findOne({ planId, telegramUserId });
  const deliver = (events: readonly StripeEvent[]) =>
    deliverAll(t, events, { secret: platform.webhookSecret });

  async function checkout(planId: string, overrides: Record<string, unknown> = {}) {
    const res = await t.http().post('/api/checkout').send(checkoutBody(planId, overrides));
    expect(res.status).toBe(201);
    return res.body as { paymentId: string; checkoutUrl: string; expiresAt: string };
  }

  it('opens a Stripe Checkout Session on the platform account for a one-off plan', async () => {
    const plan = await createShopPlan(t, shop);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: buyer() }))
      .expect(201);

    expect(res.body).toMatchObject({
      kind: 'stripe_checkout',
      provider: 'stripe',
      paymentId: expect.stringMatching(/^[0-9a-f]{24}$/),
      checkoutUrl: expect.stringContaining(`${stripe.baseUrl}/checkout/cs_test_`),
      amountMinor: 1999,
      discountMinor: 0,
      currency: 'USD',
    });
    const [created] = stripe.requests({ method: 'POST', path: '/v1/checkout/sessions' }).slice(-1);
    expect(created.secretKey).toBe(platform.secretKey);
    expect(created.params).toMatchObject({
      mode: 'payment',
      client_reference_id: res.body.paymentId,
      metadata: { paymentId: res.body.paymentId, sellerId: shop.seller.id, planId: plan.id },
      line_items: [{ price_data: { currency: 'usd', unit_amount: '1999' }, quantity: '1' }],
    });
    expect(created.headers.idempotencyKey).toBe(`checkout:${res.body.paymentId}`);
    const stored = await payments().findOne({
      checkoutSessionId: sessionIdOf(res.body.checkoutUrl),
    });
    expect(stored).toMatchObject({ status: 'pending', amountMinor: 1999, provider: 'stripe' });
  });

  it('grants a paid one-off checkout: payment succeeded, membership active, one link job per channel', async () => {
    const plan = await createShopPlan(t, shop);
    const [userId] = startedUsers(tg, t.botToken, 1);
    const { paymentId, checkoutUrl } = await checkout(plan.id, { telegramUserId: userId });

    await deliver(stripe.completeCheckout(sessionIdOf(checkoutUrl)));

    const payment = await asSeller(
      t.http().get(`/api/sellers/payments/${paymentId}`),
      shop.seller,
    ).expect(200);
    expect(payment.body).toMatchObject({
      status: 'succeeded',
      kind: 'purchase',
      amountMinor: 1999,
      paidAt: expect.any(String),
      stripe: { account: 'platform', paymentIntentId: expect.stringMatching(/^pi_/) },
    });
    const membership = await membershipOf(plan.id, userId);
    expect(membership).toMatchObject({ status: 'active', sellerId: shop.seller.id });
    const expiresIn = membership!.expiresAt.getTime() - Date.now();
    expect(Math.abs(expiresIn - 30 * DAY_MS)).toBeLessThan(60_000);
    expect(await grantsOf(paymentId)).toEqual([
      expect.objectContaining({ provider: 'stripe', providerPaymentId: sessionIdOf(checkoutUrl) }),
    ]);
    const jobs = await linkJobsOf(paymentId);
    expect(jobs.map((j) => j.idempotencyKey as string).sort()).toEqual(
      shop.channels.map((c) => expect.stringContaining(String(c.chatId))).sort(),
    );
    expect(jobs).toHaveLength(shop.channels.length);

    // Payment to joined: the payer opens each link the bot sent and is in every channel.
    await drainOutbox(t);
    const links = linkButtons(tg, userId);
    expect(links).toHaveLength(shop.channels.length);
    for (const link of links) {
      expect(tg.openInviteLink(userId, link)).toMatchObject({ ok: true, outcome: 'joined' });
    }
    for (const channel of shop.channels) {
      expect(tg.chatMember(channel.chatId, userId)?.status).toBe('member');
    }
  });

  it('grants the same checkout.session.completed delivered 10 times concurrently once, with one set of links', async () => {
    const plan = await createShopPlan(t, shop);
    const userId = buyer();
    const { paymentId, checkoutUrl } = await checkout(plan.id, { telegramUserId: userId });
    const [completed] = stripe.completeCheckout(sessionIdOf(checkoutUrl));

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        postStripeEvent(t, completed, { secret: platform.webhookSecret }),
      ),
    );

    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => a.body.duplicate !== true)).toHaveLength(1);
    expect(await grantsOf(paymentId)).toHaveLength(1);
    const membership = await membershipOf(plan.id, userId);
    expect(
      await t.connection
        .collection('membership_periods')
        .countDocuments({ membershipId: membership!._id.toString() }),
    ).toBe(1);
    expect(await linkJobsOf(paymentId)).toHaveLength(shop.channels.length);
    expect(
      await t.connection.collection('stripe_events').countDocuments({ eventId: completed.id }),
    ).toBe(1);
  });

  it('processes again a delivery whose first attempt failed midway, still granting once', async () => {
    const plan = await createShopPlan(t, shop);
    const { paymentId, checkoutUrl } = await checkout(plan.id, { telegramUserId: buyer() });
    const [completed] = stripe.completeCheckout(sessionIdOf(checkoutUrl));
    t.app.get(FailOnceProbe).armedFor = paymentId;

    const failed = await postStripeEvent(t, completed, { secret: platform.webhookSecret });
    const retried = await postStripeEvent(t, completed, { secret: platform.webhookSecret });
    const repeated = await postStripeEvent(t, completed, { secret: platform.webhookSecret });

    expect(failed.status).toBe(500);
    expect(retried.status).toBe(200);
    expect(retried.body.duplicate).toBeUndefined();
    expect(repeated.body).toEqual({ received: true, duplicate: true });
    expect(
      await t.connection.collection('stripe_events').findOne({ eventId: completed.id }),
    ).toMatchObject({ state: 'processed', attempts: 2 });
    expect(await grantsOf(paymentId)).toHaveLength(1);
    expect(await linkJobsOf(paymentId)).toHaveLength(shop.channels.length);
    expect(await payments().findOne({ key: `checkout:${paymentId}` })).toMatchObject({
      status: 'succeeded',
    });
  });

  it.each(['invoice_first', 'session_first'] as const)(
    'grants a subscription once under its first invoice, whichever event comes first (%s)',
    async (eventOrder) => {
      const plan = await createShopPlan(t, shop, { billing: 'recurring', durationDays: 30 });
      const userId = buyer();
      const { paymentId, checkoutUrl } = await checkout(plan.id, { telegramUserId: userId });
      const [created] = stripe
        .requests({ method: 'POST', path: '/v1/checkout/sessions' })
        .slice(-1);
      expect(created.params).toMatchObject({
        mode: 'subscription',
        line_items: [
          {
            price_data: {
              unit_amount: '1999',
              recurring: { interval: 'day', interval_count: '30' },
            },
          },
        ],
        subscription_data: { metadata: { paymentId, sellerId: shop.seller.id, planId: plan.id } },
      });

      const events = stripe.completeCheckout(sessionIdOf(checkoutUrl), { eventOrder });
      await deliver(events);

      const invoice = eventOfType(events, 'invoice.paid')!.data.object;
      const session = eventOfType(events, 'checkout.session.completed')!.data.object;
      expect(await grantsOf(paymentId)).toEqual([
        expect.objectContaining({
          providerPaymentId: invoice.id,
          stripeSubscriptionId: session.subscription,
        }),
      ]);
      const membership = await membershipOf(plan.id, userId);
      expect(membership).toMatchObject({
        status: 'active',
        stripeSubscriptionId: session.subscription,
      });
      // The first period carries a day of slack: Stripe charges renewals after the period ends.
      const expiresIn = membership!.expiresAt.getTime() - Date.now();
      expect(Math.abs(expiresIn - 31 * DAY_MS)).toBeLessThan(60_000);
      expect(await payments().findOne({ key: `checkout:${paymentId}` })).toMatchObject({
        status: 'succeeded',
        subscriptionId: session.subscription,
      });
      expect(await linkJobsOf(paymentId)).toHaveLength(shop.channels.length);
    },
  );

  it('refuses a bad signature with 400 STRIPE_SIGNATURE_INVALID and stores nothing', async () => {
    const plan = await createShopPlan(t, shop);
    const { paymentId, checkoutUrl } = await checkout(plan.id, { telegramUserId: buyer() });
    const [completed] = stripe.completeCheckout(sessionIdOf(checkoutUrl));
    const eventsBefore = await t.connection.collection('stripe_events').countDocuments();

    const wrongSecret = await postStripeEvent(t, completed, { secret: 'whsec_not_the_right_one' });
    const stale = await postStripeEvent(t, completed, {
      secret: platform.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const unsigned = await t
      .http()
      .post('/api/payments/webhook')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(completed));

    for (const res of [wrongSecret, stale, unsigned]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('STRIPE_SIGNATURE_INVALID');
    }
    expect(await t.connection.collection('stripe_events').countDocuments()).toBe(eventsBefore);
    expect(await grantsOf(paymentId)).toHaveLength(0);
    expect(await payments().findOne({ key: `checkout:${paymentId}` })).toMatchObject({
      status: 'pending',
    });
  });

  it('acknowledges event types it does not handle', async () => {
    const res = await postStripeEvent(
      t,
      {
        id: `evt_unknown_${userSeq}`,
        object: 'event',
        type: 'customer.created',
        data: { object: {} },
      },
      { secret: platform.webhookSecret },
    );
    expect(res.status).toBe(200);
  });

  it('holds a web payment without a Telegram id until its claim link is opened, by one account only', async () => {
    const plan = await createShopPlan(t, shop);
    const { paymentId, checkoutUrl } = await checkout(plan.id);
    const sessionId = sessionIdOf(checkoutUrl);
    await deliver(stripe.completeCheckout(sessionId));

    const [grant] = await grantsOf(paymentId);
    expect(grant.telegramUserId).toBeUndefined();
    expect(grant.appliedAt).toBeUndefined();

    const page = await t
      .http()
      .get(`/checkout/success?paymentId=${paymentId}&session_id=${sessionId}`)
      .expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    const token = /start=claim_([A-Za-z0-9_-]+)/.exec(page.text)?.[1];
    expect(token).toBeDefined();
    const guessed = await t.http().get(`/checkout/success?paymentId=${paymentId}`).expect(200);
    expect(guessed.text).not.toContain('claim_');

    const claimer = buyer();
    const claims = t.app.get(PaymentsService);
    const { grant: claimed } = await claims.redeemClaim({ token: token!, telegramUserId: claimer });
    expect(claimed.membership).toMatchObject({ status: 'active', telegramUserId: claimer });
    await expect(
      claims.redeemClaim({ token: token!, telegramUserId: buyer() }),
    ).rejects.toMatchObject({ code: 'CLAIM_USED' });
    await expect(
      claims.redeemClaim({ token: 'not-a-token', telegramUserId: claimer }),
    ).rejects.toMatchObject({ code: 'CLAIM_NOT_FOUND' });
    expect(await linkJobsOf(paymentId)).toHaveLength(shop.channels.length);
  });

  it('refuses to pay a Stars plan by card, and a card plan with Stars (422)', async () => {
    const starsPlan = await createShopPlan(t, shop, { currency: 'XTR', priceMinor: 50 });
    const cardPlan = await createShopPlan(t, shop);

    const byCard = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(starsPlan.id, { provider: 'stripe' }))
      .expect(422);
    const withStars = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(cardPlan.id, { provider: 'stars' }))
      .expect(422);

    expect(byCard.body.error.code).toBe('PROVIDER_NOT_SUPPORTED');
    expect(withStars.body.error.code).toBe('PROVIDER_NOT_SUPPORTED');
  });

  it('sells a new-customers-only plan to a buyer who never bought from the seller, only', async () => {
    const plan = await createShopPlan(t, shop, { limits: { newCustomersOnly: true } });
    const regular = buyer();
    const known = await checkout((await createShopPlan(t, shop)).id, { telegramUserId: regular });
    await deliver(stripe.completeCheckout(sessionIdOf(known.checkoutUrl)));

    const refused = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: regular }))
      .expect(409);
    await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: buyer() }))
      .expect(201);

    expect(refused.body.error.code).toBe('NEW_CUSTOMERS_ONLY');
  });

  it('refuses a plan that is not on sale (404) and a sold-out plan (409)', async () => {
    const archived = await createShopPlan(t, shop);
    await asSeller(t.http().post(`/api/sellers/plans/${archived.id}/archive`), shop.seller).expect(
      200,
    );
    const full = await createShopPlan(t, shop, { limits: { maxMembers: 1 } });
    const first = await checkout(full.id, { telegramUserId: buyer() });
    await deliver(stripe.completeCheckout(sessionIdOf(first.checkoutUrl)));

    const gone = await t.http().post('/api/checkout').send(checkoutBody(archived.id)).expect(404);
    const soldOut = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(full.id, { telegramUserId: buyer() }))
      .expect(409);

    expect(gone.body.error.code).toBe('PLAN_NOT_AVAILABLE');
    expect(soldOut.body.error.code).toBe('PLAN_SOLD_OUT');
  });
});
