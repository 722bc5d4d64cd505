import Stripe from 'stripe';
import { stripeClientFor } from './client';
import { eventOfType } from './objects/event';
import { StripeFakeServer } from './stripe-fake.server';
import { newSecretKey, paymentSessionParams, subscriptionSessionParams } from './testing/fixtures';

describe('stripe-fake coupons and prices, through the real SDK', () => {
  let fake: StripeFakeServer;
  let stripe: Stripe;

  beforeAll(async () => {
    fake = await StripeFakeServer.start();
  });
  afterAll(() => fake.stop());
  beforeEach(() => {
    stripe = stripeClientFor(fake, newSecretKey());
  });

  const createPaymentSession = (
    overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
  ): Promise<Stripe.Checkout.Session> =>
    stripe.checkout.sessions.create(paymentSessionParams(overrides));

  const subscribe = async (
    overrides: Partial<Stripe.Checkout.SessionCreateParams>,
  ): Promise<{
    session: Stripe.Checkout.Session;
    subscriptionId: string;
    firstInvoicePaid: number;
  }> => {
    const session = await stripe.checkout.sessions.create(subscriptionSessionParams(overrides));
    const events = fake.completeCheckout(session.id);
    return {
      session,
      subscriptionId: eventOfType(events, 'checkout.session.completed')!.data.object.subscription!,
      firstInvoicePaid: eventOfType(events, 'invoice.paid')!.data.object.amount_paid,
    };
  };

  it('applies a percent-off coupon to amount_total and counts the redemption when paid', async () => {
    const coupon = await stripe.coupons.create({
      percent_off: 25,
      duration: 'once',
      max_redemptions: 1,
    });

    const created = await createPaymentSession({ discounts: [{ coupon: coupon.id }] });

    expect(created).toMatchObject({
      amount_subtotal: 3000,
      amount_total: 2250,
      total_details: { amount_discount: 750 },
      discounts: [{ coupon: coupon.id, promotion_code: null }],
    });
    fake.completeCheckout(created.id);
    const paid = await stripe.checkout.sessions.retrieve(created.id, {
      expand: ['payment_intent'],
    });
    expect((paid.payment_intent as Stripe.PaymentIntent).amount).toBe(2250);
    expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({
      times_redeemed: 1,
      valid: false,
    });
    await expect(
      createPaymentSession({ discounts: [{ coupon: coupon.id }] }),
    ).rejects.toMatchObject({
      code: 'coupon_expired',
    });
  });

  it('applies an amount-off coupon in the session currency, never below zero', async () => {
    const small = await stripe.coupons.create({ amount_off: 700, currency: 'usd', id: 'SEVEN' });
    const huge = await stripe.coupons.create({ amount_off: 99_999, currency: 'usd' });

    expect((await createPaymentSession({ discounts: [{ coupon: small.id }] })).amount_total).toBe(
      2300,
    );
    const free = await createPaymentSession({ discounts: [{ coupon: huge.id }] });
    expect(free.amount_total).toBe(0);
    const completed = eventOfType(fake.completeCheckout(free.id), 'checkout.session.completed')!;
    expect(completed.data.object).toMatchObject({
      payment_status: 'no_payment_required',
      payment_intent: null,
    });
  });

  it('validates coupon params and refuses a coupon in another currency', async () => {
    await expect(stripe.coupons.create({ amount_off: 100 })).rejects.toMatchObject({
      code: 'parameter_missing',
      param: 'currency',
    });
    await expect(stripe.coupons.create({ duration: 'once' })).rejects.toMatchObject({
      code: 'parameter_missing',
    });
    const euro = await stripe.coupons.create({ amount_off: 100, currency: 'eur' });
    await expect(createPaymentSession({ discounts: [{ coupon: euro.id }] })).rejects.toThrow(
      /currency/,
    );
    await expect(createPaymentSession({ discounts: [{ coupon: 'NOPE' }] })).rejects.toMatchObject({
      code: 'resource_missing',
      param: 'discounts[0][coupon]',
    });
  });

  it('uses stored prices by id and rejects unknown ones', async () => {
    const price = await stripe.prices.create({
      currency: 'eur',
      unit_amount: 990,
      product_data: { name: 'Guide' },
    });

    const session = await createPaymentSession({ line_items: [{ price: price.id, quantity: 1 }] });

    expect(session).toMatchObject({ amount_total: 990, currency: 'eur' });
    await expect(
      createPaymentSession({ line_items: [{ price: 'price_missing', quantity: 1 }] }),
    ).rejects.toMatchObject({ code: 'resource_missing', param: 'line_items[0][price]' });
  });

  it('discounts only the first invoice with a once coupon, every invoice with a forever one', async () => {
    const once = await stripe.coupons.create({ percent_off: 50, duration: 'once' });
    const forever = await stripe.coupons.create({
      amount_off: 300,
      currency: 'usd',
      duration: 'forever',
    });

    const withOnce = await subscribe({ discounts: [{ coupon: once.id }] });
    const withForever = await subscribe({ discounts: [{ coupon: forever.id }] });

    expect(withOnce.session.amount_total).toBe(500);
    expect(withOnce.firstInvoicePaid).toBe(500);
    expect(
      eventOfType(fake.renewSubscription(withOnce.subscriptionId), 'invoice.paid')!.data.object
        .amount_paid,
    ).toBe(1000);
    expect(
      eventOfType(fake.renewSubscription(withForever.subscriptionId), 'invoice.paid')!.data.object
        .amount_paid,
    ).toBe(700);
  });
});
