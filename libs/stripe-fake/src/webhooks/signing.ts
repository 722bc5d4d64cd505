import { createHmac } from 'node:crypto';

export interface SignedPayload {
  /** The exact body to POST; the signature covers these bytes. */
  payload: string;
  /** The `Stripe-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
  header: string;
  timestamp: number;
}

/**
 * Signs a payload with Stripe's v1 scheme: HMAC-SHA256, keyed by the endpoint secret
 * (`whsec_…`, used as-is), over `<timestamp>.<payload>`. This is what
 * `stripe.webhooks.constructEvent` verifies, so product code runs its real verification.
 */
export function signPayload(input: {
  payload: string;
  secret: string;
  timestamp?: number;
}): SignedPayload {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', input.secret)
    .update(`${timestamp}.${input.payload}`, 'utf8')
    .digest('hex');
  return { payload: input.payload, header: `t=${timestamp},v1=${signature}`, timestamp };
}

/** Serialises an event as Stripe sends it (pretty-printed JSON) and signs it. */
export function signEvent(event: object, secret: string, timestamp?: number): SignedPayload {
  return signPayload({ payload: JSON.stringify(event, null, 2), secret, timestamp });
}
