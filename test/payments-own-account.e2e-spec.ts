import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import {
  checkoutBody,
  createShop,
  createShopPlan,
  type TestShop,
} from './factories/payment-shop.factory';
import { asSeller, type TestSeller } from './factories/seller.factory';
import {
  ownStripeAccount,
  platformStripe,
  postStripeEvent,
  type PlatformStripe,
} from './support/stripe-payments';
import { createTelegramTestApp, type TelegramTestApp } from './support/telegram-fake';

describe('Dual mode: a seller’s own Stripe account', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let shop: TestShop;
  let other: TestShop;
  const own = ownStripeAccount();
  const otherOwn = ownStripeAccount();

  const useOwnAccount = (
    seller: TestSeller,
    account: { secretKey: string; webhookSecret: string },
  ) =>
    asSeller(t.http().put('/api/sellers/payment-settings'), seller)
      .send({
        mode: 'own',
        stripeSecretKey: account.secretKey,
        stripeWebhookSecret: account.webhookSecret,
      })
      .expect(200);

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    platform = platformStripe(stripe);
    t = await createTelegramTestApp({ tg, mode: 'webhook', env: platform.env });
    [shop, other] = [await createShop(t, { channels: 1 }), await createShop(t, { channels: 1 })];
    await useOwnAccount(shop.seller, own);
    await useOwnAccount(other.seller, otherOwn);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  const ownPath = (seller: TestSeller) => `/api/payments/webhook/${seller.id}`;
  const grantsOf = (paymentId: string) =>
    t.connection.collection('grants').countDocuments({ paymentId });

  async function checkoutOnOwnAccount() {
    const plan = await createShopPlan(t, shop);
    const res = await t
      .http()
      .post('/api/checkout')
      .send(checkoutBody(plan.id, { telegramUserId: 950_000_000 + (process.pid % 100_000) }))
      .expect(201);
    const sessionId = (res.body.checkoutUrl as string).split('/checkout/')[1];
    return { paymentId: res.body.paymentId as string, sessionId };
  }

  it('creates the session with the seller’s key and grants on an event verified with the seller’s secret', async () => {
    const { paymentId, sessionId } = await checkoutOnOwnAccount();

    const created = stripe.requests({ method: 'POST', path: '/v1/checkout/sessions' });
    expect(created.filter((r) => r.params.client_reference_id === paymentId)).toEqual([
      expect.objectContaining({ secretKey: own.secretKey }),
    ]);
    const [completed] = stripe.completeCheckout(sessionId);
    const res = await postStripeEvent(t, completed, {
      secret: own.webhookSecret,
      path: ownPath(shop.seller),
    });

    expect(res.status).toBe(200);
    expect(await grantsOf(paymentId)).toBe(1);
    const payment = await asSeller(
      t.http().get(`/api/sellers/payments/${paymentId}`),
      shop.seller,
    ).expect(200);
    expect(payment.body).toMatchObject({ status: 'succeeded', stripe: { account: 'own' } });
  });

  it('refuses the platform secret on the seller’s endpoint, and the seller’s secret on the platform’s', async () => {
    const { paymentId, sessionId } = await checkoutOnOwnAccount();
    const [completed] = stripe.completeCheckout(sessionId);

    const platformSigned = await postStripeEvent(t, completed, {
      secret: platform.webhookSecret,
      path: ownPath(shop.seller),
    });
    const sellerSignedToPlatform = await postStripeEvent(t, completed, {
      secret: own.webhookSecret,
    });

    expect(platformSigned.status).toBe(400);
    expect(platformSigned.body.error.code).toBe('STRIPE_SIGNATURE_INVALID');
    expect(sellerSignedToPlatform.status).toBe(400);
    expect(await grantsOf(paymentId)).toBe(0);
  });

  it('ignores a correctly signed event of another account that names this seller’s payment', async () => {
    const { paymentId, sessionId } = await checkoutOnOwnAccount();
    const [completed] = stripe.completeCheckout(sessionId);

    // The other seller signs it with their own secret, on their own endpoint.
    const foreign = await postStripeEvent(t, completed, {
      secret: otherOwn.webhookSecret,
      path: ownPath(other.seller),
    });
    // The platform signs it on the platform endpoint: the payment is not the platform's.
    const platformSigned = await postStripeEvent(t, completed, { secret: platform.webhookSecret });

    expect(foreign.status).toBe(200);
    expect(platformSigned.status).toBe(200);
    expect(await grantsOf(paymentId)).toBe(0);
    const stored = await t.connection
      .collection('payments')
      .findOne({ key: `checkout:${paymentId}` });
    expect(stored).toMatchObject({ status: 'pending' });
  });

  it('answers 404 for the endpoint of a seller on the platform account or of no seller', async () => {
    const platformSeller = await createShop(t, { channels: 0 });
    const [event] = stripe.completeCheckout((await checkoutOnOwnAccount()).sessionId);

    const onPlatform = await postStripeEvent(t, event, {
      secret: own.webhookSecret,
      path: ownPath(platformSeller.seller),
    });
    const nobody = await postStripeEvent(t, event, {
      secret: own.webhookSecret,
      path: '/api/payments/webhook/not-a-seller',
    });

    expect(onPlatform.status).toBe(404);
    expect(nobody.status).toBe(404);
    expect(onPlatform.body.error.code).toBe('STRIPE_WEBHOOK_UNKNOWN');
  });
});
