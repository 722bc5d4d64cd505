import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { TelegramWebhookService } from './telegram-webhook.service';
import { WEBHOOK_ROUTE } from './webhook-path';

/** Telegram's calls only: not part of the public API, and Telegram is never throttled. */
@ApiExcludeController()
@SkipThrottle()
@Controller(WEBHOOK_ROUTE)
export class TelegramWebhookController {
  constructor(private readonly webhook: TelegramWebhookService) {}

  @Post(':secretPath')
  @HttpCode(200)
  async receive(
    @Param('secretPath') secretPath: string,
    @Headers('x-telegram-bot-api-secret-token') secretToken: string | undefined,
    @Body() update: unknown,
  ): Promise<void> {
    this.webhook.verify(secretPath, secretToken);
    await this.webhook.handle(update);
  }
}
