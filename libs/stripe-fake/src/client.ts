import Stripe from 'stripe';

/**
 * The real Stripe SDK pointed at a fake: what product code gets in e2e tests. Retries are off
 * so injected faults reach the caller exactly once; pass `config` to override.
 */
export function stripeClientFor(
  fake: { host: string; port: number },
  secretKey: string,
  config: Stripe.StripeConfig = {},
): Stripe {
  return new Stripe(secretKey, {
    host: fake.host,
    port: fake.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
    ...config,
  });
}
