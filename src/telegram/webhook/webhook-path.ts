import { createHash, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ROUTE = 'webhooks/telegram';

/**
 * The webhook's path segment, derived from the webhook secret so that neither the bot token nor
 * the secret itself ever appears in a URL or an access log, and so every instance agrees on it.
 */
export function webhookPathSegment(secret: string): string {
  return createHash('sha256').update(`membergate:telegram-webhook:${secret}`).digest('hex');
}

export function webhookUrl(publicUrl: string, secret: string): string {
  return `${publicUrl}/${WEBHOOK_ROUTE}/${webhookPathSegment(secret)}`;
}

/** Constant-time comparison that also tolerates a missing or oddly sized value. */
export function sameSecret(expected: string, given: string | undefined): boolean {
  if (given === undefined) {
    return false;
  }
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
