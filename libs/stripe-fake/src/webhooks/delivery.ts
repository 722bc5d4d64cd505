import { signEvent } from './signing';

export interface DeliveryTarget {
  /** The product's webhook endpoint. */
  url: string;
  /** The endpoint's signing secret (`whsec_…`). */
  secret: string;
  /** Signature timestamp in unix seconds; now by default. Old values test replay tolerance. */
  timestamp?: number;
  /** Stripe waits about 10 s (the default here) before counting a delivery as failed. */
  timeoutMs?: number;
}

export interface DeliveryResult {
  eventId: string;
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** POSTs one signed event to a webhook endpoint, as Stripe does, and reports the answer. */
export async function deliverEvent(
  event: { id: string },
  target: DeliveryTarget,
): Promise<DeliveryResult> {
  const signed = signEvent(event, target.secret, target.timestamp);
  const response = await fetch(target.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Stripe-Signature': signed.header,
      'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      Accept: '*/*; q=0.5, application/xml',
      'Cache-Control': 'no-cache',
    },
    body: signed.payload,
    signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
  });
  return {
    eventId: event.id,
    status: response.status,
    body: await response.text(),
    headers: Object.fromEntries(response.headers.entries()),
  };
}
