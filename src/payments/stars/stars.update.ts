import { Logger } from '@nestjs/common';
import { Ctx, On, Update } from 'nestjs-telegraf';
import type { Context } from 'telegraf';
import { StarsPaymentsService } from './stars-payments.service';

/**
 * The bot's payment updates. Thin: parse, call the service, answer. The pre-checkout answer is
 * sent right here (never queued): Telegram cancels the payment without it within 10 seconds.
 * successful_payment errors are rethrown, so the webhook answers 500 and Telegram re-delivers.
 */
@Update()
export class StarsUpdate {
  private readonly logger = new Logger(StarsUpdate.name);

  constructor(private readonly stars: StarsPaymentsService) {}

  @On('pre_checkout_query')
  async preCheckout(@Ctx() ctx: Context): Promise<void> {
    const query = ctx.preCheckoutQuery;
    if (!query) {
      return;
    }
    const decision = await this.stars
      .preCheckout({
        fromId: query.from.id,
        currency: query.currency,
        totalAmount: query.total_amount,
        invoicePayload: query.invoice_payload,
      })
      .catch((error: unknown) => {
        this.logger.error(`Pre-checkout ${query.id} failed: ${(error as Error).message}`);
        return { ok: false as const, errorMessage: 'Something went wrong. Please try again.' };
      });
    await ctx.answerPreCheckoutQuery(decision.ok, decision.ok ? undefined : decision.errorMessage);
  }

  @On('successful_payment')
  async successfulPayment(@Ctx() ctx: Context): Promise<void> {
    const message = ctx.message;
    if (!message || !('successful_payment' in message) || !message.from) {
      return;
    }
    const payment = message.successful_payment as typeof message.successful_payment & {
      is_recurring?: boolean;
      is_first_recurring?: boolean;
    };
    await this.stars.paid({
      fromId: message.from.id,
      currency: payment.currency,
      totalAmount: payment.total_amount,
      invoicePayload: payment.invoice_payload,
      telegramPaymentChargeId: payment.telegram_payment_charge_id,
      isRecurring: payment.is_recurring,
      isFirstRecurring: payment.is_first_recurring,
    });
  }
}
