import type { Telegram } from 'telegraf';
import { AppException } from '../common/errors/app.exception';
import { HttpStatus } from '@nestjs/common';

/**
 * The one way domain code reaches the Telegram Bot API. It hands out telegraf's real `Telegram`
 * client (pointed at TELEGRAM_API_ROOT, so tests reach the fake Bot API); unit tests replace the
 * whole gateway. Outbound actions that must not be lost go through the outbox, not through here.
 */
export abstract class TelegramGateway {
  /** False when no bot token is configured: the bot is off. */
  abstract readonly enabled: boolean;

  /** The bot's own user id and username, once known (after getMe at boot). */
  abstract readonly botInfo: { id: number; username: string } | undefined;

  /** The telegraf client; throws TELEGRAM_DISABLED (503) when the bot is off. */
  abstract api(): Telegram;

  protected disabled(): never {
    throw new AppException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'TELEGRAM_DISABLED',
      'The Telegram bot is not configured on this server (TELEGRAM_BOT_TOKEN is unset)',
    );
  }
}
