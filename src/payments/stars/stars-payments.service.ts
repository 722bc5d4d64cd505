import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import { STARS_CURRENCY } from '../../plans/currencies';
import { PlansService } from '../../plans/plans.service';
import { UserBanChecks } from '../ban-check';
import { SaleRules } from '../checkout/sale-rules';
import { PaymentSettlementService } from '../payment-settlement.service';
import { PaymentRepository } from '../payment.repository';
import { PaymentView, utcDay } from '../payment.types';
import { paymentIdOfPayload } from './stars-invoices';

export interface PreCheckoutQueryInput {
  fromId: number;
  currency: string;
  totalAmount: number;
  invoicePayload: string;
}

export type PreCheckoutDecision = { ok: true } | { ok: false; errorMessage: string };

export interface SuccessfulStarsPayment {
  fromId: number;
  currency: string;
  totalAmount: number;
  invoicePayload: string;
  telegramPaymentChargeId: string;
  isRecurring?: boolean;
  isFirstRecurring?: boolean;
}

const refuse = (errorMessage: string): PreCheckoutDecision => ({ ok: false, errorMessage });

/**
 * Telegram Stars: the pre-checkout decision (answered by the bot directly, within Telegram's 10
 * seconds: only local reads here) and the successful payment, which takes the same grant path as
 * Stripe (provider `stars`, provider payment id = telegram_payment_charge_id). A recurring Stars
 * subscription's later charges are renewals of the first payment.
 */
@Injectable()
export class StarsPaymentsService {
  private readonly logger = new Logger(StarsPaymentsService.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly plans: PlansService,
    private readonly saleRules: SaleRules,
    private readonly settlement: PaymentSettlementService,
    private readonly bans: UserBanChecks,
    private readonly clock: Clock,
  ) {}

  async preCheckout(query: PreCheckoutQueryInput): Promise<PreCheckoutDecision> {
    const paymentId = paymentIdOfPayload(query.invoicePayload);
    const payment = paymentId ? await this.payments.findAnywhere(paymentId) : undefined;
    if (!payment || payment.provider !== 'stars') {
      return refuse('This invoice is not valid.');
    }
    if (payment.status !== 'pending') {
      return refuse('This invoice was already used. Open the plan link again to buy.');
    }
    if (payment.expiresAt && payment.expiresAt <= this.clock.now()) {
      return refuse('This invoice has expired. Open the plan link again to buy.');
    }
    if (query.currency !== STARS_CURRENCY || query.totalAmount !== payment.amountMinor) {
      return refuse('The price of this invoice does not match. Open the plan link again.');
    }
    const buyer = payment.customer.telegramUserId;
    if (buyer !== undefined && buyer !== query.fromId) {
      return refuse('This invoice was made for another Telegram account.');
    }
    if (await this.bans.isBanned(query.fromId)) {
      return refuse('This account may not buy here.');
    }
    const plan = await this.plans.findOnSale(payment.planId);
    if (!plan) {
      return refuse('This plan is no longer on sale.');
    }
    try {
      await this.saleRules.assertCanBuy({ plan, telegramUserId: query.fromId });
    } catch (error) {
      if (error instanceof AppException) {
        return refuse(error.message);
      }
      throw error;
    }
    return { ok: true };
  }

  /** Idempotent: Telegram re-delivers the update until the bot's webhook answers 2xx. */
  async paid(input: SuccessfulStarsPayment): Promise<string> {
    const paymentId = paymentIdOfPayload(input.invoicePayload);
    const root = paymentId ? await this.payments.findAnywhere(paymentId) : undefined;
    if (!root || root.provider !== 'stars') {
      // Telegram took the Stars: this must reach an operator (refund by hand if it is not ours).
      this.logger.error(
        `Stars payment ${input.telegramPaymentChargeId} names no payment (${input.invoicePayload})`,
      );
      return 'ignored: unknown invoice';
    }
    const renewal = input.isRecurring === true && input.isFirstRecurring !== true;
    const payment = renewal ? await this.renewalOf(root, input) : root;
    const outcome = await this.settlement.settle({
      payment,
      providerPaymentId: input.telegramPaymentChargeId,
      telegramUserId: input.fromId,
      stars: {
        invoicePayload: root.stars?.invoicePayload ?? input.invoicePayload,
        subscription: input.isRecurring === true,
        chargeId: input.telegramPaymentChargeId,
      },
    });
    return renewal ? `renewal ${outcome.kind}` : outcome.kind;
  }

  private async renewalOf(root: PaymentView, input: SuccessfulStarsPayment): Promise<PaymentView> {
    const now = this.clock.now();
    const { payment } = await this.payments.insertOnce(
      `stars:charge:${input.telegramPaymentChargeId}`,
      {
        sellerId: root.sellerId,
        planId: root.planId,
        plan: root.plan,
        kind: 'renewal',
        parentPaymentId: root.id,
        provider: 'stars',
        status: 'pending',
        amountMinor: input.totalAmount,
        discountMinor: 0,
        currency: STARS_CURRENCY,
        customer: { telegramUserId: input.fromId },
        stars: {
          invoicePayload: input.invoicePayload,
          subscription: true,
          chargeId: input.telegramPaymentChargeId,
        },
        createdAt: now,
        day: utcDay(now),
      },
    );
    return payment;
  }
}
