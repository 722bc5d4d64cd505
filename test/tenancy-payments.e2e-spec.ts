import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import { ObjectId } from 'mongodb';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { asSeller } from './factories/seller.factory';
import { deliverAll, platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, type TelegramTestApp } from './support/telegram-fake';

type Method = 'get' | 'post' | 'patch' | 'delete';

describe('Tenant isolation: payments and promo codes', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let owner: TestShop;
  let stranger: TestShop;
  let ownerPlan: TestPlan;
  let strangerPlan: TestPlan;
  let paymentId: string;
  let promoId: string;
  let promoCode: string;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    platform = platformStripe(stripe);
    t = await createTelegramTestApp({ tg, mode: 'webhook', env: platform.env });
    [owner, stranger] = [
      await createShop(t, { channels: 1 }),
      await createShop(t, { channels: 1 }),
    ];
    [ownerPlan, strangerPlan] = [await createShopPlan(t, owner), await createShopPlan(t, stranger)];
    const paid = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(ownerPlan.id, { telegramUserId: 970_000_000 + (process.pid % 1000) }))
      .expect(201);
    paymentId = paid.body.paymentId;
    await deliverAll(t, stripe.completeCheckout(paid.body.checkoutUrl.split('/checkout/')[1]), {
      secret: platform.webhookSecret,
    });
    promoCode = `OWNER${process.pid % 1000}`;
    promoId = (
      await t
        .http()
        .post('/api/sellers/promo-codes')
        .set('X-API-Key', owner.apiKey)
        .send({ code: promoCode, percentOff: 20 })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  const stored = (collection: string, id: string) =>
    t.connection.collection(collection).findOne({ _id: new ObjectId(id) });

  const asStranger = (method: Method, path: string, body?: object) => {
    const request = asSeller(t.http()[method](path), stranger.seller);
    return body ? request.send(body) : request;
  };

  describe('payments', () => {
    it('are not in the other seller’s list, by token or API key', async () => {
      const byToken = await asStranger('get', '/api/sellers/payments?limit=100').expect(200);
      const byKey = await t
        .http()
        .get('/api/sellers/payments?limit=100')
        .set('X-API-Key', stranger.apiKey)
        .expect(200);
      for (const res of [byToken, byKey]) {
        expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(paymentId);
      }
      const own = await t
        .http()
        .get('/api/sellers/payments?limit=100')
        .set('X-API-Key', owner.apiKey)
        .expect(200);
      expect(own.body.items.map((p: { id: string }) => p.id)).toContain(paymentId);
    });

    it('cannot be read or refunded by the other seller (404), and stay untouched', async () => {
      const before = await stored('payments', paymentId);

      const read = await asStranger('get', `/api/sellers/payments/${paymentId}`).expect(404);
      const refund = await asStranger(
        'post',
        `/api/sellers/payments/${paymentId}/refund`,
        {},
      ).expect(404);

      expect(read.body.error.code).toBe('PAYMENT_NOT_FOUND');
      expect(refund.body.error.code).toBe('PAYMENT_NOT_FOUND');
      expect(await stored('payments', paymentId)).toEqual(before);
      expect(stripe.requests({ method: 'POST', path: '/v1/refunds' })).toHaveLength(0);
    });
  });

  describe('promo codes', () => {
    it('are not in the other seller’s list', async () => {
      const theirs = await asStranger('get', '/api/sellers/promo-codes').expect(200);
      expect(theirs.body.map((c: { id: string }) => c.id)).not.toContain(promoId);
    });

    it('cannot be read, changed or deleted by the other seller (404), and stay untouched', async () => {
      const before = await stored('promo_codes', promoId);
      const attempts: Array<[Method, string, object?]> = [
        ['get', `/api/sellers/promo-codes/${promoId}`],
        ['patch', `/api/sellers/promo-codes/${promoId}`, { active: false }],
        ['delete', `/api/sellers/promo-codes/${promoId}`],
      ];

      for (const [method, path, body] of attempts) {
        const res = await asStranger(method, path, body).expect(404);
        expect(res.body.error.code).toBe('PROMO_CODE_NOT_FOUND');
      }

      expect(await stored('promo_codes', promoId)).toEqual(before);
    });

    it('do not work on another seller’s plan, and cannot name one', async () => {
      const res = await t
        .http()
        .post('/api/checkout')
        .send(checkoutBody(strangerPlan.id, { promoCode }))
        .expect(422);
      const foreignPlan = await asStranger('post', '/api/sellers/promo-codes', {
        code: `STRANGER${process.pid % 1000}`,
        percentOff: 5,
        planIds: [ownerPlan.id],
      }).expect(422);

      expect(res.body.error.code).toBe('PROMO_CODE_INVALID');
      expect(foreignPlan.body.error.code).toBe('PLAN_NOT_FOUND');
    });

    it('may share a name across sellers', async () => {
      await asStranger('post', '/api/sellers/promo-codes', {
        code: promoCode.toLowerCase(),
        percentOff: 5,
      }).expect(201);
    });
  });
});
