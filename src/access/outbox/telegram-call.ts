import type { OnModuleInit } from '@nestjs/common';
import type {
  AttemptOutcome,
  ExecutionContext,
  OutboxExecutor,
} from '../../outbox/outbox-executor';
import type { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import type { OutboxKind, OutboxPayloads, RateClass } from '../../outbox/outbox.types';
import { TELEGRAM_BOT_KEY } from '../../outbox/rate-policy';
import { classifyTelegramError } from '../../outbox/telegram/telegram-error.classifier';
import type { TelegramGateway } from '../../telegram/telegram.gateway';

/** telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one. */
export function callOptions(signal: AbortSignal): { signal: never } {
  return { signal: signal as never };
}

/**
 * Shared by the access executors: registered with the outbox at start, available while the bot
 * is, Telegram's error classes, and paced by the bot's global budget unless a kind names a chat.
 */
export abstract class TelegramJobExecutor<K extends OutboxKind>
  implements OutboxExecutor<K>, OnModuleInit
{
  abstract readonly kind: K;
  abstract readonly rateClass: RateClass;
  /** Telegram errors that mean the wanted state already holds (done, not failed). */
  protected readonly alreadyDone: RegExp[] = [];

  protected constructor(
    private readonly registry: OutboxExecutorRegistry,
    protected readonly gateway: TelegramGateway,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  available(): boolean {
    return this.gateway.enabled;
  }

  chatKey(_payload: OutboxPayloads[K]): string {
    return TELEGRAM_BOT_KEY;
  }

  classify(error: unknown): AttemptOutcome {
    return classifyTelegramError(error, { alreadyDone: this.alreadyDone });
  }

  abstract execute(payload: OutboxPayloads[K], context: ExecutionContext): Promise<unknown>;
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
