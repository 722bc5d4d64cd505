import { randomUUID } from 'node:crypto';
import type Stripe from 'stripe';

/** A fresh secret key, hence a fresh account: suites isolate by key instead of wiping state. */
export function newSecretKey(): string {
  return `sk_test_${randomUUID().replace(/-/g, '')}`;
}

/** A one-time payment session for two VIP passes at $15, carrying the product's ids. */
export function paymentSessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'payment',
    line_items: [
      {
        price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'VIP access' } },
        quantity: 2,
      },
    ],
    success_url: 'https://bot.test/ok',
    cancel_url: 'https://bot.test/cancel',
    client_reference_id: 'user-42',
    metadata: { paymentId: 'pay_1', sellerId: 'seller_1' },
    payment_intent_data: { metadata: { paymentId: 'pay_1' } },
    ...overrides,
  };
}

export function recurringLine(input: {
  unitAmount: number;
  interval?: Stripe.Checkout.SessionCreateParams.LineItem.PriceData.Recurring.Interval;
  name?: string;
}): Stripe.Checkout.SessionCreateParams.LineItem {
  return {
    price_data: {
      currency: 'usd',
      unit_amount: input.unitAmount,
      product_data: { name: input.name ?? 'Club' },
      recurring: { interval: input.interval ?? 'month' },
    },
    quantity: 1,
  };
}

/** A $10/month subscription session whose subscription carries the product's ids. */
export function subscriptionSessionParams(
  overrides: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams {
  return {
    mode: 'subscription',
    line_items: [recurringLine({ unitAmount: 1000, name: 'Club monthly' })],
    success_url: 'https://bot.test/ok',
    customer_email: 'member@example.com',
    metadata: { paymentId: 'pay_9' },
    subscription_data: { metadata: { paymentId: 'pay_9', planId: 'plan_1' } },
    ...overrides,
  };
}
