import { Inject, Injectable } from '@nestjs/common';
import type { Update } from 'telegraf/types';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { TelegrafTelegramGateway } from '../telegraf-telegram.gateway';
import { SecretMatcher, webhookPathSegment } from './webhook-path';

/**
 * Checks that a webhook call comes from Telegram (path and secret-token header), then runs the
 * update through the bot's handlers and resolves once they finished, so a failing handler turns
 * into a non-2xx answer and Telegram delivers the update again.
 */
@Injectable()
export class TelegramWebhookService {
  private readonly secret: { path: SecretMatcher; token: SecretMatcher } | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly gateway: TelegrafTelegramGateway,
  ) {
    const secret = config.telegram.webhookSecret;
    this.secret = secret
      ? { path: new SecretMatcher(webhookPathSegment(secret)), token: new SecretMatcher(secret) }
      : undefined;
  }

  verify(pathSegment: string, secretToken: string | undefined): void {
    const valid =
      this.secret !== undefined &&
      this.secret.path.matches(pathSegment) &&
      this.secret.token.matches(secretToken);
    if (!valid) {
      throw AppException.unauthorized(
        'TELEGRAM_WEBHOOK_UNAUTHORIZED',
        'This request does not carry the Telegram webhook secret',
      );
    }
  }

  async handle(update: unknown): Promise<void> {
    if (!isUpdate(update)) {
      throw AppException.badRequest('TELEGRAM_UPDATE_INVALID', 'The body is not a Telegram update');
    }
    await this.gateway.ensureBotInfo();
    await this.gateway.telegraf().handleUpdate(update);
  }
}

function isUpdate(body: unknown): body is Update {
  return (
    typeof body === 'object' &&
    body !== null &&
    Number.isInteger((body as { update_id?: unknown }).update_id)
  );
}
