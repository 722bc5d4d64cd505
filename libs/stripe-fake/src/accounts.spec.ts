import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { stripeClientFor } from './client';
import { StripeFakeServer } from './stripe-fake.server';
import { newSecretKey } from './testing/fixtures';

const sessionParams: Stripe.Checkout.SessionCreateParams = {
  mode: 'payment',
  line_items: [
    {
      price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Pass' } },
      quantity: 1,
    },
  ],
  success_url: 'https://bot.test/ok',
  metadata: { paymentId: 'p1' },
};

describe('stripe-fake accounts, auth, idempotency and the request log', () => {
  let fake: StripeFakeServer;

  beforeAll(async () => {
    fake = await StripeFakeServer.start();
  });
  afterAll(() => fake.stop());

  describe('per-key accounts', () => {
    it('keeps each secret key’s objects invisible to every other key', async () => {
      const platform = stripeClientFor(fake, newSecretKey());
      const seller = stripeClientFor(fake, newSecretKey());
      const session = await seller.checkout.sessions.create(sessionParams);
      const coupon = await seller.coupons.create({ percent_off: 10, id: `SELLER-${randomUUID()}` });

      await expect(platform.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({
        statusCode: 404,
        code: 'resource_missing',
      });
      await expect(platform.coupons.retrieve(coupon.id)).rejects.toMatchObject({ statusCode: 404 });
      await expect(
        platform.checkout.sessions.create({ ...sessionParams, discounts: [{ coupon: coupon.id }] }),
      ).rejects.toMatchObject({ code: 'resource_missing' });
      expect((await seller.checkout.sessions.retrieve(session.id)).id).toBe(session.id);
    });

    it('delivers a session’s events from the account that owns it', async () => {
      const sellerKey = newSecretKey();
      const seller = stripeClientFor(fake, sellerKey);
      const session = await seller.checkout.sessions.create(sessionParams);

      fake.completeCheckout(session.id);

      expect(fake.events({ secretKey: sellerKey }).map((event) => event.type)).toEqual([
        'checkout.session.completed',
      ]);
      expect(fake.events({ secretKey: newSecretKey() })).toEqual([]);
    });

    it('ignores Stripe-Account: the key alone chooses the account', async () => {
      const key = newSecretKey();
      const client = stripeClientFor(fake, key);
      const session = await client.checkout.sessions.create(sessionParams, {
        stripeAccount: 'acct_other',
      });

      expect((await client.checkout.sessions.retrieve(session.id)).id).toBe(session.id);
      expect(fake.requests({ secretKey: key })[0].headers.stripeAccount).toBe('acct_other');
    });
  });

  describe('authentication', () => {
    it('answers 401 without a key, with a malformed or live key, and after revocation', async () => {
      const missing = await fetch(`${fake.baseUrl}/v1/checkout/sessions/cs_test_x`);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({
        error: expect.objectContaining({
          type: 'invalid_request_error',
          message: expect.stringContaining('You did not provide an API key'),
        }),
      });

      await expect(
        stripeClientFor(fake, 'sk_live_abcdef123456').customers.create({}),
      ).rejects.toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
      await expect(stripeClientFor(fake, 'not-a-key').customers.create({})).rejects.toThrow(
        /Invalid API Key provided: \*+-key/,
      );

      const key = newSecretKey();
      const client = stripeClientFor(fake, key);
      await client.customers.create({ email: 'x@y.test' });
      fake.revokeKey(key);
      await expect(client.customers.create({})).rejects.toMatchObject({
        type: 'StripeAuthenticationError',
        code: 'api_key_expired',
      });
    });

    it('answers unknown URLs with Stripe’s 404', async () => {
      const response = await fetch(`${fake.baseUrl}/v1/nothing/here`, {
        headers: { Authorization: `Bearer ${newSecretKey()}` },
      });

      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: {
          type: 'invalid_request_error',
          message: expect.stringContaining('Unrecognized request URL (GET: /v1/nothing/here)'),
        },
      });
    });
  });

  describe('idempotency keys', () => {
    it('replays the first answer for the same key and params', async () => {
      const key = newSecretKey();
      const client = stripeClientFor(fake, key);
      const idempotencyKey = randomUUID();

      const first = await client.checkout.sessions.create(sessionParams, { idempotencyKey });
      const second = await client.checkout.sessions.create(sessionParams, { idempotencyKey });

      expect(second.id).toBe(first.id);
      expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
      expect(fake.requests({ secretKey: key }).map((request) => request.replayed)).toEqual([
        false,
        true,
      ]);
    });

    it('rejects the same key with different params as an idempotency error', async () => {
      const client = stripeClientFor(fake, newSecretKey());
      const idempotencyKey = randomUUID();
      await client.checkout.sessions.create(sessionParams, { idempotencyKey });

      await expect(
        client.checkout.sessions.create(
          { ...sessionParams, metadata: { paymentId: 'p2' } },
          { idempotencyKey },
        ),
      ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    });

    it('scopes keys to the account and does not store validation failures', async () => {
      const idempotencyKey = randomUUID();
      const a = stripeClientFor(fake, newSecretKey());
      const b = stripeClientFor(fake, newSecretKey());

      await expect(
        a.checkout.sessions.create(
          { ...sessionParams, success_url: undefined },
          { idempotencyKey },
        ),
      ).rejects.toMatchObject({ code: 'parameter_missing' });
      const fixed = await a.checkout.sessions.create(sessionParams, { idempotencyKey });
      const other = await b.checkout.sessions.create(sessionParams, { idempotencyKey });

      expect(other.id).not.toBe(fixed.id);
    });

    it('gives every SDK call its own key, so plain calls are never replayed', async () => {
      const client = stripeClientFor(fake, newSecretKey());

      const first = await client.checkout.sessions.create(sessionParams);
      const second = await client.checkout.sessions.create(sessionParams);

      expect(second.id).not.toBe(first.id);
    });
  });

  it('records parsed params and headers of every request', async () => {
    const key = newSecretKey();
    const client = stripeClientFor(fake, key);

    await client.checkout.sessions.create(sessionParams, { idempotencyKey: 'idem-1' });

    const [request] = fake.requests({ secretKey: key, route: 'POST /v1/checkout/sessions' });
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/checkout/sessions',
      status: 200,
      params: {
        mode: 'payment',
        line_items: [
          {
            price_data: { currency: 'usd', unit_amount: '500', product_data: { name: 'Pass' } },
            quantity: '1',
          },
        ],
        metadata: { paymentId: 'p1' },
      },
      headers: { idempotencyKey: 'idem-1', stripeVersion: Stripe.API_VERSION },
    });
  });

  it('forgets everything on reset', async () => {
    const client = stripeClientFor(fake, newSecretKey());
    const session = await client.checkout.sessions.create(sessionParams);

    fake.reset();

    expect(fake.requests()).toEqual([]);
    expect(fake.retrieve(session.id)).toBeUndefined();
    await expect(client.checkout.sessions.retrieve(session.id)).rejects.toMatchObject({
      statusCode: 404,
    });
  });
});
