import Stripe from 'stripe';
import { stripeClientFor } from './client';
import { eventOfType } from './objects/event';
import { StripeFakeServer } from './stripe-fake.server';
import { newSecretKey, paymentSessionParams } from './testing/fixtures';

const NOW = new Date('2026-05-01T12:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;

describe('stripe-fake Checkout in payment mode, through the real SDK', () => {
  let fake: StripeFakeServer;
  let stripe: Stripe;

  beforeAll(async () => {
    fake = await StripeFakeServer.start({ clock: () => NOW });
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    stripe = stripeClientFor(fake, newSecretKey());
  });

  const createPaymentSession = (
    overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
  ): Promise<Stripe.Checkout.Session> =>
    stripe.checkout.sessions.create(paymentSessionParams(overrides));

  it('creates an open, unpaid session shaped like Stripe’s', async () => {
    const session = await createPaymentSession();

    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      status: 'open',
      payment_status: 'unpaid',
      amount_subtotal: 3000,
      amount_total: 3000,
      currency: 'usd',
      client_reference_id: 'user-42',
      metadata: { paymentId: 'pay_1', sellerId: 'seller_1' },
      payment_intent: null,
      livemode: false,
      created: NOW_SECONDS,
      expires_at: NOW_SECONDS + 24 * 3600,
    });
    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{58}$/);
    expect(session.url).toBe(`${fake.baseUrl}/checkout/${session.id}`);
    expect(session).not.toHaveProperty('line_items');
  });

  it('retrieves the session, expanding line_items on request', async () => {
    const created = await createPaymentSession();

    const session = await stripe.checkout.sessions.retrieve(created.id, { expand: ['line_items'] });

    expect(session.id).toBe(created.id);
    expect(session.line_items?.data).toEqual([
      expect.objectContaining({
        object: 'item',
        description: 'VIP access',
        quantity: 2,
        amount_total: 3000,
        price: expect.objectContaining({ unit_amount: 1500, currency: 'usd', active: false }),
      }),
    ]);
  });

  it('pays the session: a succeeded payment intent and charge carrying the intent metadata', async () => {
    const created = await createPaymentSession();

    const events = fake.completeCheckout(created.id, { email: 'buyer@example.com' });

    expect(events.map((event) => event.type)).toEqual(['checkout.session.completed']);
    const completed = eventOfType(events, 'checkout.session.completed')!;
    expect(completed).toMatchObject({
      object: 'event',
      livemode: false,
      api_version: Stripe.API_VERSION,
      request: { id: null, idempotency_key: null },
      data: {
        object: {
          id: created.id,
          status: 'complete',
          payment_status: 'paid',
          amount_total: 3000,
          metadata: { paymentId: 'pay_1', sellerId: 'seller_1' },
          customer_details: expect.objectContaining({ email: 'buyer@example.com' }),
          // Payment mode creates no Customer unless asked (customer_creation=if_required).
          customer: null,
          url: null,
        },
      },
    });
    expect(completed.id).toMatch(/^evt_/);

    const session = await stripe.checkout.sessions.retrieve(created.id, {
      expand: ['payment_intent', 'payment_intent.latest_charge'],
    });
    const paymentIntent = session.payment_intent as Stripe.PaymentIntent;
    expect(paymentIntent).toMatchObject({
      object: 'payment_intent',
      status: 'succeeded',
      amount: 3000,
      amount_received: 3000,
      metadata: { paymentId: 'pay_1' },
    });
    const charge = await stripe.charges.retrieve((paymentIntent.latest_charge as Stripe.Charge).id);
    expect(charge).toMatchObject({
      payment_intent: paymentIntent.id,
      amount: 3000,
      paid: true,
      refunded: false,
      metadata: { paymentId: 'pay_1' },
    });
  });

  it('creates a customer when customer_creation=always', async () => {
    const created = await createPaymentSession({
      customer_creation: 'always',
      customer_email: 'a@b.test',
    });

    const session = eventOfType(fake.completeCheckout(created.id), 'checkout.session.completed')!
      .data.object;

    const customer = await stripe.customers.retrieve(session.customer!);
    expect(customer).toMatchObject({ object: 'customer', email: 'a@b.test' });
  });

  it('refunds through the API, partially then the rest, and refuses a third refund', async () => {
    const created = await createPaymentSession();
    const session = eventOfType(fake.completeCheckout(created.id), 'checkout.session.completed')!
      .data.object;

    const partial = await stripe.refunds.create({
      payment_intent: session.payment_intent!,
      amount: 1000,
    });
    const rest = await stripe.refunds.create({ payment_intent: session.payment_intent! });

    expect(partial).toMatchObject({ object: 'refund', amount: 1000, status: 'succeeded' });
    expect(rest.amount).toBe(2000);
    const charge = await stripe.charges.retrieve(partial.charge as string);
    expect(charge).toMatchObject({ amount_refunded: 3000, refunded: true });
    await expect(
      stripe.refunds.create({ payment_intent: session.payment_intent! }),
    ).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'charge_already_refunded' });

    const refundEvents = fake
      .events({ type: 'charge.refunded' })
      .filter((event) => event.type === 'charge.refunded' && event.data.object.id === charge.id);
    expect(refundEvents).toHaveLength(2);
    expect(refundEvents[0].request.id).toMatch(/^req_/);
  });

  it('refunds from the driver, emitting charge.refunded with the intent metadata', async () => {
    const created = await createPaymentSession();
    const session = eventOfType(fake.completeCheckout(created.id), 'checkout.session.completed')!
      .data.object;

    const events = fake.refund(session.payment_intent!, 500);

    const refunded = eventOfType(events, 'charge.refunded')!;
    expect(refunded.data.object).toMatchObject({
      amount_refunded: 500,
      refunded: false,
      payment_intent: session.payment_intent,
      metadata: { paymentId: 'pay_1' },
    });
    expect(refunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
  });

  it('expires an open session through the API and refuses to pay it afterwards', async () => {
    const created = await createPaymentSession();

    const expired = await stripe.checkout.sessions.expire(created.id);

    expect(expired).toMatchObject({ status: 'expired', url: null });
    expect(() => fake.completeCheckout(created.id)).toThrow(/expired/);
    await expect(stripe.checkout.sessions.expire(created.id)).rejects.toBeInstanceOf(
      Stripe.errors.StripeInvalidRequestError,
    );
  });

  describe('validation, worded like Stripe', () => {
    it('reports a missing required param with its bracket path', async () => {
      await expect(
        createPaymentSession({
          line_items: [
            { price_data: { currency: 'usd', product_data: { name: 'x' } }, quantity: 1 },
          ],
        }),
      ).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        code: 'parameter_missing',
        param: 'line_items[0][price_data][unit_amount]',
        statusCode: 400,
      });
      await expect(createPaymentSession({ mode: undefined })).rejects.toMatchObject({
        code: 'parameter_missing',
        param: 'mode',
      });
    });

    it('refuses params it does not know rather than ignoring them', async () => {
      await expect(
        createPaymentSession({
          sucess_url: 'typo',
        } as Partial<Stripe.Checkout.SessionCreateParams>),
      ).rejects.toMatchObject({ code: 'parameter_unknown', param: 'sucess_url' });
    });

    it('refuses a recurring price in payment mode and subscription_data outside subscription mode', async () => {
      await expect(
        createPaymentSession({
          line_items: [
            {
              price_data: {
                currency: 'usd',
                unit_amount: 500,
                product_data: { name: 'Monthly' },
                recurring: { interval: 'month' },
              },
              quantity: 1,
            },
          ],
        }),
      ).rejects.toThrow(/`payment` mode but passed a recurring price/);
      await expect(
        createPaymentSession({ subscription_data: { metadata: { a: 'b' } } }),
      ).rejects.toMatchObject({ param: 'subscription_data' });
    });

    it('checks expires_at against Stripe’s 30 minute to 24 hour window', async () => {
      await expect(createPaymentSession({ expires_at: NOW_SECONDS + 60 })).rejects.toMatchObject({
        param: 'expires_at',
      });
      const session = await createPaymentSession({ expires_at: NOW_SECONDS + 3600 });
      expect(session.expires_at).toBe(NOW_SECONDS + 3600);
    });

    it('answers 404 resource_missing for an unknown session', async () => {
      await expect(stripe.checkout.sessions.retrieve('cs_test_nope')).rejects.toMatchObject({
        type: 'StripeInvalidRequestError',
        statusCode: 404,
        code: 'resource_missing',
        message: "No such checkout.session: 'cs_test_nope'",
      });
    });
  });
});
