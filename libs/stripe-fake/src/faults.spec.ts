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

describe('stripe-fake fault injection, through the real SDK', () => {
  let fake: StripeFakeServer;

  beforeAll(async () => {
    fake = await StripeFakeServer.start();
  });
  afterAll(() => fake.stop());
  afterEach(() => fake.clearFaults());

  it('fails the next N calls of a route with 500, then answers normally', async () => {
    const key = newSecretKey();
    const client = stripeClientFor(fake, key);
    fake.injectFault({ route: 'POST /v1/checkout/sessions', kind: 'server_error', times: 2 });

    await expect(client.checkout.sessions.create(sessionParams)).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
    await expect(client.checkout.sessions.create(sessionParams)).rejects.toMatchObject({
      statusCode: 500,
    });
    await expect(client.checkout.sessions.create(sessionParams)).resolves.toMatchObject({
      status: 'open',
    });
    expect(
      fake.requests({ secretKey: key }).map((request) => [request.status, request.fault]),
    ).toEqual([
      [500, 'server_error'],
      [500, 'server_error'],
      [200, null],
    ]);
  });

  it('lets a retry with the same idempotency key through after an injected failure', async () => {
    const client = stripeClientFor(fake, newSecretKey());
    const idempotencyKey = randomUUID();
    fake.injectFault({ route: 'POST /v1/checkout/sessions', kind: 'server_error' });

    await expect(
      client.checkout.sessions.create(sessionParams, { idempotencyKey }),
    ).rejects.toThrow();
    await expect(
      client.checkout.sessions.create(sessionParams, { idempotencyKey }),
    ).resolves.toMatchObject({
      status: 'open',
    });
  });

  it('answers 429 rate limits and 402 card declines as the SDK expects', async () => {
    const key = newSecretKey();
    const client = stripeClientFor(fake, key);
    fake.injectFault({ route: 'POST /v1/refunds', kind: 'rate_limit', secretKey: key });
    fake.injectFault({ route: 'POST /v1/customers', kind: 'card_declined', secretKey: key });

    await expect(client.refunds.create({ charge: 'ch_x' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeRateLimitError,
    );
    await expect(client.customers.create({})).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
  });

  it('only faults the key it names', async () => {
    const targeted = newSecretKey();
    fake.injectFault({ route: '*', kind: 'server_error', secretKey: targeted });

    await expect(stripeClientFor(fake, newSecretKey()).customers.create({})).resolves.toMatchObject(
      {
        object: 'customer',
      },
    );
    await expect(stripeClientFor(fake, targeted).customers.create({})).rejects.toMatchObject({
      statusCode: 500,
    });
  });

  it('delays a call and then runs it', async () => {
    const client = stripeClientFor(fake, newSecretKey());
    fake.injectFault({ route: 'POST /v1/customers', kind: 'delay', delayMs: 150 });

    const started = Date.now();
    await client.customers.create({ email: 'slow@example.com' });

    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('drops the connection; the SDK retries a closed connection once by itself', async () => {
    const key = newSecretKey();
    const client = stripeClientFor(fake, key);
    fake.injectFault({ route: 'POST /v1/customers', kind: 'disconnect' });

    await expect(client.customers.create({})).resolves.toMatchObject({ object: 'customer' });
    expect(
      fake.requests({ secretKey: key }).map((request) => [request.status, request.fault]),
    ).toEqual([
      [0, 'disconnect'],
      [200, null],
    ]);

    fake.injectFault({ route: 'POST /v1/customers', kind: 'disconnect', times: 2 });
    await expect(client.customers.create({})).rejects.toBeInstanceOf(
      Stripe.errors.StripeConnectionError,
    );
  });

  it('refuses a fault for a route that does not exist', () => {
    expect(() =>
      fake.injectFault({ route: 'POST /v1/checkout/session', kind: 'server_error' }),
    ).toThrow(/Unknown route/);
  });
});
