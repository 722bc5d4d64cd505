import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Telegram } from 'telegraf';
import type { ExecutionContext, OutboxExecutor } from '../../outbox/outbox-executor';
import { OutboxExecutorRegistry } from '../../outbox/outbox-executor.registry';
import type { RateClass } from '../../outbox/outbox.types';
import { TELEGRAM_BOT_KEY, telegramChatKey } from '../../outbox/rate-policy';
import { classifyTelegramError } from '../../outbox/telegram/telegram-error.classifier';
import { TelegramGateway } from '../../telegram/telegram.gateway';

/** A Telegram Stars invoice message (sendInvoice) in the buyer's private chat with the bot. */
export interface SendInvoicePayload {
  chatId: number;
  title: string;
  description: string;
  /** Names the pending payment; comes back in pre_checkout_query and successful_payment. */
  invoicePayload: string;
  currency: 'XTR';
  amount: number;
  label: string;
}

export interface RefundStarPaymentPayload {
  userId: number;
  telegramPaymentChargeId: string;
}

declare module '../../outbox/outbox.types' {
  interface OutboxPayloads {
    sendInvoice: SendInvoicePayload;
    refundStarPayment: RefundStarPaymentPayload;
  }
}

// telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
const options = (signal: AbortSignal): { signal: never } => ({ signal: signal as never });

class SendInvoiceExecutor implements OutboxExecutor<'sendInvoice'> {
  readonly kind = 'sendInvoice';
  readonly rateClass: RateClass = 'telegram-message';

  constructor(private readonly gateway: TelegramGateway) {}

  available(): boolean {
    return this.gateway.enabled;
  }

  chatKey(payload: SendInvoicePayload): string {
    return telegramChatKey(payload.chatId);
  }

  async execute(payload: SendInvoicePayload, context: ExecutionContext): Promise<unknown> {
    const api: Telegram = this.gateway.api();
    const message = await api.callApi(
      'sendInvoice',
      {
        chat_id: payload.chatId,
        title: payload.title,
        description: payload.description,
        payload: payload.invoicePayload,
        currency: payload.currency,
        prices: [{ label: payload.label, amount: payload.amount }],
        // Stars need no payment provider.
        provider_token: '',
      },
      options(context.signal),
    );
    return { messageId: message.message_id, chatId: message.chat.id };
  }

  classify(error: unknown): ReturnType<OutboxExecutor['classify']> {
    return classifyTelegramError(error);
  }
}

class RefundStarPaymentExecutor implements OutboxExecutor<'refundStarPayment'> {
  readonly kind = 'refundStarPayment';
  readonly rateClass: RateClass = 'telegram-call';

  constructor(private readonly gateway: TelegramGateway) {}

  available(): boolean {
    return this.gateway.enabled;
  }

  chatKey(): string {
    return TELEGRAM_BOT_KEY;
  }

  async execute(payload: RefundStarPaymentPayload, context: ExecutionContext): Promise<unknown> {
    // telegraf 4.16's typings predate refundStarPayment; the Bot API method exists.
    const callApi = this.gateway.api().callApi.bind(this.gateway.api()) as unknown as (
      method: string,
      params: Record<string, unknown>,
      extra: { signal: never },
    ) => Promise<unknown>;
    await callApi(
      'refundStarPayment',
      { user_id: payload.userId, telegram_payment_charge_id: payload.telegramPaymentChargeId },
      options(context.signal),
    );
    return { alreadyDone: false };
  }

  classify(error: unknown): ReturnType<OutboxExecutor['classify']> {
    return classifyTelegramError(error, { alreadyDone: [/CHARGE_ALREADY_REFUNDED/] });
  }
}

/** Registers the outbox kinds the payments domain adds: Stars invoices and Stars refunds. */
@Injectable()
export class StarsOutboxExecutors implements OnModuleInit {
  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly gateway: TelegramGateway,
  ) {}

  onModuleInit(): void {
    this.registry.register(new SendInvoiceExecutor(this.gateway));
    this.registry.register(new RefundStarPaymentExecutor(this.gateway));
  }
}
