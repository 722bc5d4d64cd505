import { Injectable } from '@nestjs/common';
import { OutboxService } from '../../outbox/outbox.service';
import { STARS_SUBSCRIPTION_DAYS } from '../../plans/plan.types';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import type { PaymentView } from '../payment.types';

/** Telegram's only Stars subscription period, in seconds (30 days). */
const SUBSCRIPTION_PERIOD_SECONDS = STARS_SUBSCRIPTION_DAYS * 24 * 60 * 60;

/** The invoice payload that names a pending payment (Telegram allows 128 bytes). */
export function invoicePayloadOf(paymentId: string): string {
  return `pay_${paymentId}`;
}

export function paymentIdOfPayload(payload: string): string | undefined {
  const match = /^pay_([0-9a-f]{24})$/.exec(payload);
  return match?.[1];
}

/**
 * Telegram Stars invoices of pending payments: an invoice link (the web checkout and recurring
 * plans: only links can carry a Stars subscription period) or an invoice message in the buyer's
 * chat, sent through the outbox so it survives a Telegram hiccup.
 */
@Injectable()
export class StarsInvoices {
  constructor(
    private readonly gateway: TelegramGateway,
    private readonly outbox: OutboxService,
  ) {}

  async createLink(payment: PaymentView): Promise<string> {
    return this.gateway.api().callApi('createInvoiceLink', {
      ...this.invoiceOf(payment),
      // Stars need no payment provider.
      provider_token: '',
      ...(payment.plan.billing === 'recurring'
        ? { subscription_period: SUBSCRIPTION_PERIOD_SECONDS }
        : {}),
    });
  }

  async send(payment: PaymentView, chatId: number): Promise<void> {
    const invoice = this.invoiceOf(payment);
    await this.outbox.enqueue({
      kind: 'sendInvoice',
      payload: {
        chatId,
        title: invoice.title,
        description: invoice.description,
        invoicePayload: invoice.payload,
        currency: 'XTR',
        amount: payment.amountMinor,
        label: invoice.prices[0].label,
      },
      idempotencyKey: `stars-invoice:${payment.id}`,
      correlation: { sellerId: payment.sellerId, paymentId: payment.id },
    });
  }

  private invoiceOf(payment: PaymentView): {
    title: string;
    description: string;
    payload: string;
    currency: 'XTR';
    prices: [{ label: string; amount: number }];
  } {
    const { plan } = payment;
    const length =
      plan.durationDays !== null ? `${plan.durationDays} days` : `${plan.durationMinutes} minutes`;
    const chats = plan.channels.map((c) => c.title ?? String(c.chatId)).join(', ');
    return {
      title: plan.name.slice(0, 32),
      description: `Access to ${chats} for ${length}`.slice(0, 255),
      payload: invoicePayloadOf(payment.id),
      currency: 'XTR',
      prices: [{ label: plan.name.slice(0, 32), amount: payment.amountMinor }],
    };
  }
}
