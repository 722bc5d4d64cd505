import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { TelegramWebhookEndpoint } from './telegram-webhook.endpoint';
import { WEBHOOK_ROUTE } from './webhook-path';

/** Whether updates arrive through our webhook route (a bot token, and TELEGRAM_MODE=webhook). */
export function telegramWebhookEnabled(config: AppConfig): boolean {
  const { botToken, mode } = config.telegram;
  return botToken !== undefined && mode === 'webhook';
}

/**
 * Puts the webhook in front of every other middleware. Call it before anything else is mounted:
 * Express runs middleware in the order it was added, and Nest adds its own when the app starts.
 */
export function mountTelegramWebhook(app: INestApplication, config: AppConfig): void {
  if (telegramWebhookEnabled(config)) {
    app.use(`/${WEBHOOK_ROUTE}`, app.get(TelegramWebhookEndpoint).middleware());
  }
}
