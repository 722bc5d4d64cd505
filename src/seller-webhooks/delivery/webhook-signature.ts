import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers every delivery carries (receivers read them case-insensitively). */
export const WebhookHeaders = {
  /** The event id: the same on every retry and resend of an event, so receivers dedupe on it. */
  Id: 'Membergate-Webhook-Id',
  /** Unix seconds when this attempt was signed; new on every attempt. */
  Timestamp: 'Membergate-Webhook-Timestamp',
  /** `v1=<hex>`, or two space-separated entries while an old secret is still valid. */
  Signature: 'Membergate-Signature',
} as const;

export const SIGNATURE_VERSION = 'v1';
/** How old a timestamp a receiver should still accept (replay window). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** Hex HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the whole secret (`whsec_...`). */
export function computeSignature(params: {
  secret: string;
  timestamp: number;
  body: string;
}): string {
  return createHmac('sha256', params.secret)
    .update(`${params.timestamp}.${params.body}`, 'utf8')
    .digest('hex');
}

/** The Membergate-Signature value: one `v1=` entry per secret (current first). */
export function signatureHeader(params: {
  secrets: string[];
  timestamp: number;
  body: string;
}): string {
  return params.secrets
    .map((secret) => `${SIGNATURE_VERSION}=${computeSignature({ ...params, secret })}`)
    .join(' ');
}

/**
 * What a receiver does (docs/WEBHOOKS.md): the timestamp is recent and one of the `v1=` entries
 * is the HMAC of `<timestamp>.<raw body>` with its secret, compared in constant time.
 */
export function verifySignature(params: {
  secret: string;
  header: string;
  timestamp: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const timestamp = Number(params.timestamp);
  const tolerance = params.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (!/^\d+$/.test(params.timestamp) || Math.abs(params.nowSeconds - timestamp) > tolerance) {
    return false;
  }
  const expected = Buffer.from(
    computeSignature({ secret: params.secret, timestamp, body: params.body }),
    'hex',
  );
  return params.header
    .split(' ')
    .filter((entry) => entry.startsWith(`${SIGNATURE_VERSION}=`))
    .map((entry) => Buffer.from(entry.slice(SIGNATURE_VERSION.length + 1), 'hex'))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
