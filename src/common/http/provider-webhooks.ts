import type { Request } from 'express';

/**
 * Bodies written by Stripe, not by our clients: verified by signature, never stored as sent.
 * (Telegram's webhook is served ahead of this pipeline: see TelegramWebhookEndpoint.)
 */
const PROVIDER_WEBHOOK_PATHS = [/^\/api\/payments\/webhook(\/|$)/];

/** Provider payloads can be larger than client requests (a Stripe invoice with many lines). */
export const PROVIDER_WEBHOOK_BODY_LIMIT = '1mb';

export function isProviderWebhook(req: Request): boolean {
  const path = (req.originalUrl ?? req.url).split('?', 1)[0];
  return PROVIDER_WEBHOOK_PATHS.some((pattern) => pattern.test(path));
}
