import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock/clock';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ChannelsService } from '../../channels/channels.service';
import { PaymentSettingsService } from '../../payment-settings/payment-settings.service';
import { STARS_CURRENCY } from '../../plans/currencies';
import { PlansService, SaleablePlan } from '../../plans/plans.service';
import { PromoCodesService, PromoQuote } from '../../promo-codes/promo-codes.service';
import { UserBanChecks } from '../ban-check';
import { ClaimLinks } from '../claim-links';
import { newPaymentId, PaymentRepository } from '../payment.repository';
import { PaymentProvider, PaymentView, PlanSnapshot, utcDay } from '../payment.types';
import { invoicePayloadOf, StarsInvoices } from '../stars/stars-invoices';
import { StripeCheckoutService } from '../stripe/stripe-checkout.service';
import { StripeClientFactory } from '../stripe/stripe-client.factory';
import { SaleRules } from './sale-rules';

export interface CheckoutInput {
  planId: string;
  email?: string;
  name?: string;
  phone?: string;
  /** Known when the buyer comes from the bot, or a web page that knows them. */
  telegramUserId?: number;
  promoCode?: string;
  /** Refused with 422 when it is not the plan's: XTR plans are Stars-only, fiat plans card-only. */
  provider?: PaymentProvider;
  successUrl?: string;
  cancelUrl?: string;
}

export type CheckoutKind = 'stripe_checkout' | 'stars_invoice' | 'trial_in_bot';

export interface CheckoutResult {
  kind: CheckoutKind;
  paymentId: string | null;
  provider: PaymentProvider | null;
  /** Where to send the buyer: Stripe's hosted page, a Stars invoice link, or the bot. */
  checkoutUrl: string;
  expiresAt: Date | null;
  amountMinor: number;
  discountMinor: number;
  currency: string;
}

const unprocessable = (code: string, message: string): AppException =>
  new AppException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);

/**
 * Starts a purchase: checks the plan is on sale and its limits, prices it (promo code), stores the
 * pending payment, then opens the provider's checkout for it: a Stripe Checkout Session on the
 * platform's or the seller's own account, or a Telegram Stars invoice link. Shared by the public
 * API and the bot's plan offer.
 */
@Injectable()
export class CheckoutService {
  private readonly logger = new Logger(CheckoutService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly plans: PlansService,
    private readonly channels: ChannelsService,
    private readonly saleRules: SaleRules,
    private readonly promoCodes: PromoCodesService,
    private readonly payments: PaymentRepository,
    private readonly settings: PaymentSettingsService,
    private readonly stripeClients: StripeClientFactory,
    private readonly stripeCheckout: StripeCheckoutService,
    private readonly stars: StarsInvoices,
    private readonly claimLinks: ClaimLinks,
    private readonly bans: UserBanChecks,
    private readonly clock: Clock,
  ) {}

  /** A plan on sale, or 404 PLAN_NOT_AVAILABLE (unknown, inactive or archived alike). */
  async saleablePlan(planId: string): Promise<SaleablePlan> {
    const plan = await this.plans.findOnSale(planId);
    if (!plan) {
      throw AppException.notFound('PLAN_NOT_AVAILABLE', 'This plan is not on sale');
    }
    return plan;
  }

  /**
   * A plan sold through its channel's Telegram subscription link is sold there only: an invoice
   * of ours would bill the same access a second way, beside Telegram's own renewals.
   */
  private async checkoutablePlan(planId: string): Promise<SaleablePlan> {
    const plan = await this.saleablePlan(planId);
    if (plan.starSubscription) {
      throw unprocessable(
        'STAR_SUBSCRIPTION_LINK_ONLY',
        "This plan is sold through its channel's Telegram subscription link",
      );
    }
    return plan;
  }

  async start(input: CheckoutInput): Promise<CheckoutResult> {
    const plan = await this.checkoutablePlan(input.planId);
    const provider: PaymentProvider = plan.currency === STARS_CURRENCY ? 'stars' : 'stripe';
    if (input.provider && input.provider !== provider) {
      throw unprocessable(
        'PROVIDER_NOT_SUPPORTED',
        provider === 'stars'
          ? 'This plan is priced in Telegram Stars: pay it with Stars'
          : 'This plan is priced in money: pay it by card (Stripe)',
      );
    }
    if (plan.priceMinor <= 0) {
      throw unprocessable('PLAN_IS_FREE', 'This plan is free: it cannot be bought');
    }
    if (input.telegramUserId !== undefined && (await this.bans.isBanned(input.telegramUserId))) {
      throw AppException.forbidden('BUYER_BANNED', 'This Telegram account may not buy');
    }
    const email = input.email?.trim().toLowerCase();
    await this.saleRules.assertCanBuy({ plan, telegramUserId: input.telegramUserId, email });
    const snapshot = await this.snapshotOf(plan);
    const quote = input.promoCode
      ? await this.promoCodes.quote({
          sellerId: plan.sellerId,
          code: input.promoCode,
          planId: plan.id,
          currency: plan.currency,
          priceMinor: plan.priceMinor,
        })
      : undefined;
    const amountMinor = plan.priceMinor - (quote?.discountMinor ?? 0);
    if (amountMinor < 1) {
      throw unprocessable(
        'CHECKOUT_AMOUNT_TOO_LOW',
        'After the discount nothing is left to pay: such codes cannot be used at checkout',
      );
    }
    // Resolve the Stripe account before storing anything: an unconfigured one fails cleanly.
    const credentials =
      provider === 'stripe' ? await this.settings.getStripeCredentials(plan.sellerId) : undefined;
    const stripe = credentials ? this.stripeClients.forCredentials(credentials) : undefined;

    const id = newPaymentId();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.payments.checkoutTtlMinutes * 60_000);
    const needsClaim = provider === 'stripe' && input.telegramUserId === undefined;
    const payment = await this.payments.create(id, {
      sellerId: plan.sellerId,
      planId: plan.id,
      plan: snapshot,
      kind: 'purchase',
      provider,
      status: 'pending',
      amountMinor,
      discountMinor: quote?.discountMinor ?? 0,
      currency: plan.currency,
      ...(quote ? { promoCodeId: quote.promoCodeId } : {}),
      customer: {
        ...(email ? { email } : {}),
        ...(input.name ? { name: input.name } : {}),
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.telegramUserId === undefined ? {} : { telegramUserId: input.telegramUserId }),
      },
      ...(credentials
        ? { stripe: { account: credentials.mode === 'own' ? 'own' : 'platform', invoiceIds: [] } }
        : {}),
      ...(provider === 'stars'
        ? {
            stars: {
              invoicePayload: invoicePayloadOf(id),
              subscription: plan.billing === 'recurring',
            },
          }
        : {}),
      ...(needsClaim ? { claim: this.claimLinks.create(id) } : {}),
      expiresAt,
      createdAt: now,
      day: utcDay(now),
    });
    if (quote) {
      await this.redeem(payment, quote);
    }
    try {
      const checkoutUrl = stripe
        ? await this.openStripe(payment, input, stripe)
        : await this.stars.createLink(payment);
      return {
        kind: stripe ? 'stripe_checkout' : 'stars_invoice',
        paymentId: payment.id,
        provider,
        checkoutUrl,
        expiresAt,
        amountMinor,
        discountMinor: payment.discountMinor,
        currency: payment.currency,
      };
    } catch (error) {
      await this.abandon(payment, (error as Error).message);
      throw providerFailure(provider, error);
    }
  }

  /** A pending Stars payment for an invoice message in the bot (sent by the caller). */
  async startStarsInBot(input: { planId: string; telegramUserId: number }): Promise<PaymentView> {
    const plan = await this.checkoutablePlan(input.planId);
    if (plan.currency !== STARS_CURRENCY) {
      throw unprocessable('PROVIDER_NOT_SUPPORTED', 'This plan is paid by card');
    }
    if (await this.bans.isBanned(input.telegramUserId)) {
      throw AppException.forbidden('BUYER_BANNED', 'This Telegram account may not buy');
    }
    await this.saleRules.assertCanBuy({ plan, telegramUserId: input.telegramUserId });
    const snapshot = await this.snapshotOf(plan);
    const id = newPaymentId();
    const now = this.clock.now();
    return this.payments.create(id, {
      sellerId: plan.sellerId,
      planId: plan.id,
      plan: snapshot,
      kind: 'purchase',
      provider: 'stars',
      status: 'pending',
      amountMinor: plan.priceMinor,
      discountMinor: 0,
      currency: plan.currency,
      customer: { telegramUserId: input.telegramUserId },
      stars: { invoicePayload: invoicePayloadOf(id), subscription: plan.billing === 'recurring' },
      expiresAt: new Date(now.getTime() + this.config.payments.checkoutTtlMinutes * 60_000),
      createdAt: now,
      day: utcDay(now),
    });
  }

  private async openStripe(
    payment: PaymentView,
    input: CheckoutInput,
    stripe: ReturnType<StripeClientFactory['forPlatform']>,
  ): Promise<string> {
    const base = this.config.publicUrl;
    const session = await this.stripeCheckout.createSession({
      stripe,
      payment,
      // Stripe fills in {CHECKOUT_SESSION_ID}: the success page shows the claim link only to
      // whoever holds the session id, not to anyone who guesses a payment id.
      successUrl:
        input.successUrl ??
        `${base}/checkout/success?paymentId=${payment.id}&session_id={CHECKOUT_SESSION_ID}`,
      cancelUrl: input.cancelUrl ?? `${base}/checkout/cancel?paymentId=${payment.id}`,
      expiresAt: payment.expiresAt!,
    });
    if (!session.url) {
      throw new Error(`Stripe returned session ${session.id} without a URL`);
    }
    await this.payments.recordCheckoutSession({
      id: payment.id,
      checkoutSessionId: session.id,
      expiresAt: payment.expiresAt!,
      at: this.clock.now(),
    });
    return session.url;
  }

  private async redeem(payment: PaymentView, quote: PromoQuote): Promise<void> {
    try {
      await this.promoCodes.redeem({ quote, sellerId: payment.sellerId, paymentId: payment.id });
    } catch (error) {
      await this.payments.markFailed(payment.id, 'promo code used up', this.clock.now());
      throw error;
    }
  }

  private async abandon(payment: PaymentView, reason: string): Promise<void> {
    this.logger.warn(`Checkout of payment ${payment.id} failed: ${reason}`);
    await this.payments.markFailed(
      payment.id,
      `checkout could not be opened: ${reason}`,
      this.clock.now(),
    );
    if (payment.promoCodeId) {
      await this.promoCodes.release({ promoCodeId: payment.promoCodeId, paymentId: payment.id });
    }
  }

  /** What the buyer gets, fixed at checkout: later plan edits do not change a sale. */
  async snapshotOf(plan: SaleablePlan): Promise<PlanSnapshot> {
    const channels = await this.channels
      .requireLiveChannels(plan.sellerId, plan.channelIds)
      .catch(() => {
        throw AppException.notFound(
          'PLAN_NOT_AVAILABLE',
          'This plan is not on sale (one of its channels was disconnected)',
        );
      });
    return {
      name: plan.name,
      priceMinor: plan.priceMinor,
      currency: plan.currency,
      durationDays: plan.durationDays,
      durationMinutes: plan.durationMinutes,
      billing: plan.billing,
      accessMode: plan.accessMode,
      channels: channels.map((c) => ({ channelId: c.id, chatId: c.chatId, title: c.title })),
    };
  }
}

function providerFailure(provider: PaymentProvider, error: unknown): unknown {
  if (error instanceof AppException) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return provider === 'stripe'
    ? new AppException(HttpStatus.BAD_GATEWAY, 'STRIPE_ERROR', `Stripe refused: ${message}`)
    : new AppException(
        HttpStatus.BAD_GATEWAY,
        'TELEGRAM_UNAVAILABLE',
        'Telegram did not create the invoice; try again',
      );
}
