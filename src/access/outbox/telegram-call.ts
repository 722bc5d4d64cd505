import type { AttemptOutcome } from '../../outbox/outbox-executor';
import { classifyTelegramError } from '../../outbox/telegram/telegram-error.classifier';
import type { TelegramGateway } from '../../telegram/telegram.gateway';

/** telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one. */
export function callOptions(signal: AbortSignal): { signal: never } {
  return { signal: signal as never };
}

/** Shared by the access executors: available while the bot is, Telegram's error classes. */
export abstract class TelegramJobExecutor {
  protected abstract readonly alreadyDone: RegExp[];

  protected constructor(protected readonly gateway: TelegramGateway) {}

  available(): boolean {
    return this.gateway.enabled;
  }

  classify(error: unknown): AttemptOutcome {
    return classifyTelegramError(error, { alreadyDone: this.alreadyDone });
  }
}

/** Statuses in which a user is in the chat. */
export function isInChat(member: { status: string; is_member?: boolean }): boolean {
  return (
    member.status === 'creator' ||
    member.status === 'administrator' ||
    member.status === 'member' ||
    (member.status === 'restricted' && member.is_member === true)
  );
}
