import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AppConfig } from '../../config/app-config';
import { TelegramWebhookEndpoint } from './telegram-webhook.endpoint';

/** Whether updates arrive through our webhook route (a bot token, and TELEGRAM_MODE=webhook). */
export function telegramWebhookEnabled(config: AppConfig): boolean {
  const { botToken, mode } = config.telegram;
  return botToken !== undefined && mode === 'webhook';
}

/**
 * Serves Telegram's webhook route on the HTTP server ahead of Express: POSTs to
 * `/webhooks/telegram/<segment>` go to TelegramWebhookEndpoint, every other request to Express as
 * before. Express alone (the endpoint as its first middleware) still cost ~40% more CPU per update.
 * Nest creates the server with Express as its one request listener when the app is built, and
 * adds no other, so the swap is made once, before the app listens.
 */
export function mountTelegramWebhook(app: INestApplication, config: AppConfig): void {
  if (!telegramWebhookEnabled(config)) {
    return;
  }
  const endpoint = app.get(TelegramWebhookEndpoint);
  const server = app.getHttpServer() as Server;
  const [api] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const secretPath = endpoint.secretPathOf(req);
    if (secretPath === undefined) {
      api(req, res);
    } else {
      void endpoint.serve(req, res, secretPath);
    }
  });
}
