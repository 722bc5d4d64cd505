import { createHash, hash, timingSafeEqual } from 'node:crypto';

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

/**
 * A secret to check given values against in constant time, whatever their length (both sides are
 * hashed first). The expected side is hashed once, not on every request.
 */
export class SecretMatcher {
  private readonly expected: Buffer;

  constructor(expected: string) {
    this.expected = digest(expected);
  }

  matches(given: string | undefined): boolean {
    return given !== undefined && timingSafeEqual(this.expected, digest(given));
  }
}

// One-shot hash(): it runs on every webhook request, and a Hash object costs more to set up
// than the hashing itself.
function digest(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
