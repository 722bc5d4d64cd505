import { eventOfType, type StripeFakeServer } from '@app/stripe-fake';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { createApiKey } from './factories/seller.factory';
import { PaymentExpiryService } from '../src/payments/payment-expiry.service';
import { DAY, FakeClock, HOUR, MINUTE } from './support/fake-clock';
import { startStripePlatform, type StripePlatform } from './factories/stripe-platform.factory';
import { deliverAll, type PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';

describe('Promo codes', () => {
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let clock: FakeClock;
  let t: TelegramTestApp;
  let shop: TestShop;
  let apiKey: string;
  let plan: TestPlan;
  let env: StripePlatform;
  let seq = 0;

  beforeAll(async () => {
    clock = new FakeClock('2026-04-01T10:00:00.000Z');
    env = await startStripePlatform({ clock, stripeOnAppClock: true });
    ({ stripe, platform, t } = env);
    shop = await createShop(t, { channels: 1 });
    apiKey = (await createApiKey(t, shop.seller)).key;
    plan = await createShopPlan(t, shop, { priceMinor: 2000 });
  });
  afterAll(() => env.close());

  const uniqueCode = (prefix: string) => `${prefix}${(seq += 1)}${process.pid % 1000}`;
  const createCode = (body: object) =>
    t.http().post('/api/sellers/promo-codes').set('X-API-Key', apiKey).send(body);
  const checkout = (planId: string, promoCode: string) =>
    t.http().post('/api/checkout').send(checkoutBody(planId, { promoCode }));
  const lastSessionRequest = () =>
    stripe.requests({ method: 'POST', path: '/v1/checkout/sessions' }).slice(-1)[0];

  describe('managing codes', () => {
    it('creates a percent code and refuses the same code in another case (409)', async () => {
      const code = uniqueCode('Spring');
      const res = await createCode({ code, percentOff: 25 }).expect(201);
      expect(res.body).toMatchObject({
        code,
        percentOff: 25,
        amountOffMinor: null,
        planIds: [],
        redemptions: 0,
        active: true,
      });
      const dup = await createCode({ code: code.toUpperCase(), percentOff: 10 }).expect(409);
      expect(dup.body.error.code).toBe('PROMO_CODE_EXISTS');
    });

    it('wants exactly one of percentOff and amountOffMinor, and a currency with an amount', async () => {
      await createCode({ code: uniqueCode('BOTH'), percentOff: 5, amountOffMinor: 100 }).expect(
        400,
      );
      await createCode({ code: uniqueCode('NONE') }).expect(400);
      await createCode({ code: uniqueCode('NOCUR'), amountOffMinor: 100 }).expect(400);
      await createCode({ code: uniqueCode('PCT'), percentOff: 101 }).expect(400);
      await createCode({ code: 'a b', percentOff: 5 }).expect(400);
      const unknownPlan = await createCode({
        code: uniqueCode('PLAN'),
        percentOff: 5,
        planIds: ['6660a1b2c3d4e5f601234567'],
      }).expect(422);
      expect(unknownPlan.body.error.code).toBe('PLAN_NOT_FOUND');
    });

    it('changes the limits of a code and deletes it, freeing its name', async () => {
      const code = uniqueCode('EDIT');
      const created = await createCode({ code, percentOff: 10 }).expect(201);
      const patched = await t
        .http()
        .patch(`/api/sellers/promo-codes/${created.body.id}`)
        .set('X-API-Key', apiKey)
        .send({ maxRedemptions: 3, active: false })
        .expect(200);
      expect(patched.body).toMatchObject({ maxRedemptions: 3, active: false, percentOff: 10 });
      await t
        .http()
        .patch(`/api/sellers/promo-codes/${created.body.id}`)
        .set('X-API-Key', apiKey)
        .send({ percentOff: 50 })
        .expect(400);
      await t
        .http()
        .delete(`/api/sellers/promo-codes/${created.body.id}`)
        .set('X-API-Key', apiKey)
        .expect(204);
      await t
        .http()
        .get(`/api/sellers/promo-codes/${created.body.id}`)
        .set('X-API-Key', apiKey)
        .expect(404);
      await createCode({ code, percentOff: 10 }).expect(201);
    });
  });

  describe('at checkout', () => {
    it('takes a percentage off, sending Stripe the discounted amount', async () => {
      const code = uniqueCode('QUARTER');
      await createCode({ code, percentOff: 25 }).expect(201);

      const res = await checkout(plan.id, code.toLowerCase()).expect(201);

      expect(res.body).toMatchObject({ amountMinor: 1500, discountMinor: 500, currency: 'USD' });
      expect(lastSessionRequest().params).toMatchObject({
        line_items: [{ price_data: { unit_amount: '1500' } }],
      });
      const stored = await t
        .http()
        .get(`/api/sellers/payments/${res.body.paymentId}`)
        .set('X-API-Key', apiKey)
        .expect(200);
      expect(stored.body).toMatchObject({
        amountMinor: 1500,
        discountMinor: 500,
        promoCodeId: expect.any(String),
      });
    });

    it('takes a fixed amount off a plan in its currency, and refuses it on another currency', async () => {
      const code = uniqueCode('FIVE');
      await createCode({ code, amountOffMinor: 500, currency: 'USD' }).expect(201);
      const euroPlan = await createShopPlan(t, shop, { currency: 'EUR' });

      const usd = await checkout(plan.id, code).expect(201);
      const eur = await checkout(euroPlan.id, code).expect(422);

      expect(usd.body).toMatchObject({ amountMinor: 1500, discountMinor: 500 });
      expect(eur.body.error.code).toBe('PROMO_CODE_INVALID');
    });

    it('applies only to the plans it names', async () => {
      const other = await createShopPlan(t, shop);
      const code = uniqueCode('ONLY');
      await createCode({ code, percentOff: 10, planIds: [plan.id] }).expect(201);

      await checkout(plan.id, code).expect(201);
      const refused = await checkout(other.id, code).expect(422);

      expect(refused.body.error.code).toBe('PROMO_CODE_INVALID');
    });

    it('stops working when it expires', async () => {
      const code = uniqueCode('SOON');
      await createCode({
        code,
        percentOff: 10,
        expiresAt: new Date(clock.now().getTime() + HOUR).toISOString(),
      }).expect(201);
      await checkout(plan.id, code).expect(201);

      clock.advance(2 * HOUR);
      const expired = await checkout(plan.id, code).expect(422);

      expect(expired.body.error.code).toBe('PROMO_CODE_EXPIRED');
    });

    it('refuses an inactive or unknown code', async () => {
      const code = uniqueCode('OFF');
      await createCode({ code, percentOff: 10, active: false }).expect(201);
      expect((await checkout(plan.id, code).expect(422)).body.error.code).toBe(
        'PROMO_CODE_INVALID',
      );
      expect((await checkout(plan.id, 'NO-SUCH-CODE').expect(422)).body.error.code).toBe(
        'PROMO_CODE_INVALID',
      );
    });

    it('is used at most maxRedemptions times, even by concurrent checkouts', async () => {
      const code = uniqueCode('TWO');
      const created = await createCode({ code, percentOff: 10, maxRedemptions: 2 }).expect(201);

      const answers = await Promise.all(Array.from({ length: 6 }, () => checkout(plan.id, code)));

      expect(answers.filter((a) => a.status === 201)).toHaveLength(2);
      for (const refused of answers.filter((a) => a.status !== 201)) {
        expect(refused.status).toBe(422);
        expect(refused.body.error.code).toBe('PROMO_CODE_EXHAUSTED');
      }
      const listed = await t
        .http()
        .get(`/api/sellers/promo-codes/${created.body.id}`)
        .set('X-API-Key', apiKey)
        .expect(200);
      expect(listed.body.redemptions).toBe(2);
    });

    it('gives a use back when the checkout expires unpaid', async () => {
      const code = uniqueCode('ONE');
      await createCode({ code, percentOff: 10, maxRedemptions: 1 }).expect(201);
      const first = await checkout(plan.id, code).expect(201);
      await checkout(plan.id, code).expect(422);

      const sessionId = (first.body.checkoutUrl as string).split('/checkout/')[1];
      await deliverAll(t, stripe.expireCheckout(sessionId), { secret: platform.webhookSecret });

      await checkout(plan.id, code).expect(201);
    });

    it('gives a use back when a checkout is never paid and its time runs out', async () => {
      const code = uniqueCode('LAPSE');
      await createCode({ code, percentOff: 10, maxRedemptions: 1 }).expect(201);
      const first = await checkout(plan.id, code).expect(201);
      await checkout(plan.id, code).expect(422);

      clock.advance(61 * MINUTE);
      const swept = await t.app.get(PaymentExpiryService).expireUnpaid();

      expect(swept.expired).toBeGreaterThanOrEqual(1);
      const expired = await t
        .http()
        .get(`/api/sellers/payments/${first.body.paymentId}`)
        .set('X-API-Key', apiKey)
        .expect(200);
      expect(expired.body.status).toBe('expired');
      await checkout(plan.id, code).expect(201);
    });

    it('discounts only the first invoice of a subscription, through a single-use Stripe coupon', async () => {
      const monthly = await createShopPlan(t, shop, {
        billing: 'recurring',
        durationDays: 30,
        priceMinor: 2000,
      });
      const code = uniqueCode('FIRST');
      await createCode({ code, percentOff: 50 }).expect(201);

      const res = await t
        .http()
        .post('/api/checkout')
        .send(checkoutBody(monthly.id, { promoCode: code, telegramUserId: 960_000_000 + seq }))
        .expect(201);

      expect(res.body).toMatchObject({ amountMinor: 1000, discountMinor: 1000 });
      const [coupon] = stripe.requests({ method: 'POST', path: '/v1/coupons' }).slice(-1);
      expect(coupon.params).toMatchObject({
        amount_off: '1000',
        currency: 'usd',
        duration: 'once',
        max_redemptions: '1',
      });
      expect(lastSessionRequest().params).toMatchObject({
        line_items: [{ price_data: { unit_amount: '2000' } }],
        discounts: [{ coupon: expect.any(String) }],
      });
      const events = stripe.completeCheckout(
        (res.body.checkoutUrl as string).split('/checkout/')[1],
      );
      await deliverAll(t, events, { secret: platform.webhookSecret });
      expect(eventOfType(events, 'invoice.paid')!.data.object.amount_paid).toBe(1000);
      const subscriptionId = eventOfType(events, 'checkout.session.completed')!.data.object
        .subscription as string;
      clock.advance(30 * DAY);
      const renewal = stripe.renewSubscription(subscriptionId);
      expect(eventOfType(renewal, 'invoice.paid')!.data.object.amount_paid).toBe(2000);
    });

    it('refuses a code that would leave nothing to pay', async () => {
      const code = uniqueCode('FREE');
      await createCode({ code, percentOff: 100 }).expect(201);

      const res = await checkout(plan.id, code).expect(422);

      expect(res.body.error.code).toBe('CHECKOUT_AMOUNT_TOO_LOW');
    });
  });
});
