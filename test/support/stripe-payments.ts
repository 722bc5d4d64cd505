import { signEvent, StripeFakeServer, type StripeEvent } from '@app/stripe-fake';
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';
import type { TestApp } from './test-app';

/** The platform's Stripe account as the app sees it: keys made up per suite, API at the fake. */
export interface PlatformStripe {
  secretKey: string;
  webhookSecret: string;
  env: Record<string, string>;
}

export function platformStripe(fake: StripeFakeServer): PlatformStripe {
  const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  return {
    secretKey,
    webhookSecret,
    env: {
      STRIPE_SECRET_KEY: secretKey,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      STRIPE_API_BASE: fake.baseUrl,
    },
  };
}

/** A seller's own Stripe account (dual mode): a fresh key is a fresh account in the fake. */
export function ownStripeAccount(): { secretKey: string; webhookSecret: string } {
  return {
    secretKey: `sk_test_${randomBytes(12).toString('hex')}`,
    webhookSecret: `whsec_${randomBytes(16).toString('hex')}`,
  };
}

/**
 * POSTs an event signed with Stripe's real scheme to a webhook route of the app, through
 * supertest (the exact signed bytes are the body).
 */
export function postStripeEvent(
  t: TestApp,
  event: StripeEvent | object,
  options: { secret: string; path?: string; timestamp?: number },
): Promise<Response> {
  const signed = signEvent(event, options.secret, options.timestamp);
  return t
    .http()
    .post(options.path ?? '/api/payments/webhook')
    .set('Content-Type', 'application/json; charset=utf-8')
    .set('Stripe-Signature', signed.header)
    .send(signed.payload);
}

/** Delivers events in order, expecting each to be acknowledged. */
export async function deliverAll(
  t: TestApp,
  events: readonly StripeEvent[],
  options: { secret: string; path?: string },
): Promise<void> {
  for (const event of events) {
    const res = await postStripeEvent(t, event, options);
    if (res.status !== 200) {
      throw new Error(`${event.type} ${event.id} answered ${res.status}: ${res.text}`);
    }
  }
}
