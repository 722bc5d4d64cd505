import type { AppConfig } from '../config/app-config';
import type { RateWindow } from './rate-limiter';
import type { RateClass } from './outbox.types';

/** The one bot every instance of a deployment shares. */
export const TELEGRAM_BOT_KEY = 'tg:bot';
export const NO_RATE_KEY = 'none';

export function telegramChatKey(chatId: number | string): string {
  return `tg:${chatId}`;
}

/**
 * Telegram's limits as windows: ~30 messages/s per bot, 1/s per private chat, 20/min per group
 * or channel (a numeric id above zero is a user's private chat; @usernames are public chats).
 * Other calls count against the bot's window only.
 */
export function rateWindows(
  limits: AppConfig['telegram']['rateLimits'],
  job: { rateClass: RateClass; chatKey: string },
): RateWindow[] {
  if (job.rateClass === 'none') {
    return [];
  }
  const bot: RateWindow = { key: TELEGRAM_BOT_KEY, limit: limits.globalPerSecond, windowMs: 1_000 };
  if (job.rateClass === 'telegram-call') {
    return [bot];
  }
  const chat = job.chatKey.slice('tg:'.length);
  const isPrivate = /^\d+$/.test(chat) && Number(chat) > 0;
  return [
    bot,
    isPrivate
      ? { key: job.chatKey, limit: limits.privateChatPerSecond, windowMs: 1_000 }
      : { key: job.chatKey, limit: limits.groupChatPerMinute, windowMs: 60_000 },
  ];
}
