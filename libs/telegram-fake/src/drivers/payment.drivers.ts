import type { FakeCore } from '../core';
import { FakeDriverError } from '../errors';
import { postPrivateMessage } from '../services/messages';
import type { ChargeRecord, InvoiceRecord, PreCheckoutAnswer } from '../state/payments';
import type { Message, PreCheckoutQuery, SuccessfulPayment } from '../types';
import type { BotRef } from './driver-base';
import { SubscriptionDrivers } from './subscription.drivers';

export type InvoiceRef =
  /** An invoice message sent with sendInvoice (chatId defaults to the paying user's chat). */
  | { messageId: number; chatId?: number; bot?: BotRef }
  /** A link from createInvoiceLink. */
  | { link: string };

export type PaymentOutcome =
  | {
      status: 'paid';
      query: PreCheckoutQuery;
      message: Message;
      payment: SuccessfulPayment;
      chargeId: string;
    }
  | { status: 'declined'; query: PreCheckoutQuery; error_message: string }
  | { status: 'timeout'; query: PreCheckoutQuery };

/** A user paying invoices, as the Telegram app drives the Bot API payment flow. */
export abstract class PaymentDrivers extends SubscriptionDrivers {
  protected constructor(core: FakeCore) {
    super(core);
  }

  /**
   * pre_checkout_query -> wait for answerPreCheckoutQuery -> if ok, a successful_payment message.
   * No answer within the deadline (10 s, or options.timeoutMs) fails the payment, as on Telegram.
   */
  async payInvoice(
    userId: number,
    ref: InvoiceRef,
    options: { timeoutMs?: number } = {},
  ): Promise<PaymentOutcome> {
    const user = this.userRecord(userId);
    const invoice = this.findInvoice(userId, ref);
    const bot = this.botAccount(invoice.botId);
    const query: PreCheckoutQuery = {
      id: this.core.payments.newQueryId(),
      from: user,
      currency: invoice.currency,
      total_amount: invoice.totalAmount,
      invoice_payload: invoice.payload,
    };
    const answer = await new Promise<PreCheckoutAnswer | undefined>((resolve) => {
      const timer = setTimeout(() => {
        this.core.payments.pendingPreCheckout.delete(query.id);
        resolve(undefined);
      }, options.timeoutMs ?? this.core.options.preCheckoutTimeoutMs);
      this.core.payments.pendingPreCheckout.set(query.id, {
        query,
        botId: bot.id,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
      this.core.enqueue(bot, 'pre_checkout_query', query);
    });
    this.core.changed();
    if (!answer) {
      return { status: 'timeout', query };
    }
    if (!answer.ok) {
      return { status: 'declined', query, error_message: answer.error_message ?? '' };
    }

    const now = this.core.clock.now();
    const charge = this.core.payments.newCharge({
      botId: bot.id,
      userId,
      currency: invoice.currency,
      totalAmount: invoice.totalAmount,
      payload: invoice.payload,
      subscriptionPeriod: invoice.subscriptionPeriod,
      subscriptionExpirationDate: invoice.subscriptionPeriod
        ? now + invoice.subscriptionPeriod
        : undefined,
    });
    const payment = successfulPayment(charge, true);
    // Paying opens the private chat with the bot, even when paid through a shared link.
    this.core.chats.ensureDialog(bot.id, userId).started = true;
    const message = postPrivateMessage(this.core, bot, user, { successful_payment: payment });
    return { status: 'paid', query, message, payment, chargeId: charge.chargeId };
  }

  /** Telegram renews a Stars subscription: a new recurring successful_payment, no pre-checkout. */
  renewSubscription(
    userId: number,
    chargeId: string,
  ): { message: Message; payment: SuccessfulPayment; chargeId: string } {
    const previous = this.core.payments.charges.get(chargeId);
    if (!previous || previous.userId !== userId || !previous.subscriptionPeriod) {
      throw new FakeDriverError(`no subscription charge ${chargeId} for user ${userId}`);
    }
    const base = Math.max(previous.subscriptionExpirationDate ?? 0, this.core.clock.now());
    const charge = this.core.payments.newCharge({
      botId: previous.botId,
      userId,
      currency: previous.currency,
      totalAmount: previous.totalAmount,
      payload: previous.payload,
      subscriptionPeriod: previous.subscriptionPeriod,
      subscriptionExpirationDate: base + previous.subscriptionPeriod,
    });
    const payment = successfulPayment(charge, false);
    const bot = this.botAccount(previous.botId);
    const message = postPrivateMessage(this.core, bot, this.userRecord(userId), {
      successful_payment: payment,
    });
    return { message, payment, chargeId: charge.chargeId };
  }

  private findInvoice(userId: number, ref: InvoiceRef): InvoiceRecord {
    if ('link' in ref) {
      const invoice = this.core.payments.invoiceLinks.get(ref.link);
      if (!invoice) {
        throw new FakeDriverError(`unknown invoice link ${ref.link}`);
      }
      return invoice;
    }
    const bot = this.botAccount(ref.bot);
    const invoice = this.core.payments.messageInvoice(bot.id, ref.chatId ?? userId, ref.messageId);
    if (!invoice) {
      throw new FakeDriverError(`message ${ref.messageId} is not an invoice of bot ${bot.id}`);
    }
    return invoice;
  }
}

function successfulPayment(charge: ChargeRecord, first: boolean): SuccessfulPayment {
  return {
    currency: charge.currency,
    total_amount: charge.totalAmount,
    invoice_payload: charge.payload,
    ...(charge.subscriptionExpirationDate
      ? {
          subscription_expiration_date: charge.subscriptionExpirationDate,
          is_recurring: true as const,
          ...(first ? { is_first_recurring: true as const } : {}),
        }
      : {}),
    telegram_payment_charge_id: charge.chargeId,
    provider_payment_charge_id: charge.providerChargeId,
  };
}
