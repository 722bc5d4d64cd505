import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import Stripe from 'stripe';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { MembershipRepository } from '../memberships/membership.repository';
import { OutboxService } from '../outbox/outbox.service';
import { PaymentDecisionsRepository } from './payment-decisions.repository';
import { PaymentSettlementService } from './payment-settlement.service';
import { PaymentRepository } from './payment.repository';
import type { PaymentView, RefundInfo } from './payment.types';
import { PaymentEvents, PaymentRefundedEvent } from './payments.events';
import { StripeAccountResolver } from './stripe/stripe-account.resolver';

/**
 * Refunds: a seller's request through the API (the money goes back through the provider: the
 * Stripe refunds API, or Telegram's refundStarPayment through the outbox) and refunds Stripe tells
 * us about (charge.refunded, e.g. made in the Dashboard). Either way the `payment_refunds` insert
 * decides once; its winner marks the payment refunded and announces `payment.refunded`, on which
 * the access domain revokes the access at once.
 */
@Injectable()
export class PaymentRefundsService {
  private readonly logger = new Logger(PaymentRefundsService.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly settlement: PaymentSettlementService,
    private readonly memberships: MembershipRepository,
    private readonly stripeAccounts: StripeAccountResolver,
    private readonly outbox: OutboxService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /** The seller refunds a payment in full. Idempotent: a refunded payment is answered as it is. */
  async refundBySeller(params: {
    sellerId: string;
    paymentId: string;
    reason?: string;
  }): Promise<PaymentView> {
    const payment = await this.payments.findById(params.sellerId, params.paymentId);
    if (!payment) {
      throw AppException.notFound('PAYMENT_NOT_FOUND', 'No such payment');
    }
    if (payment.status === 'refunded') {
      return payment;
    }
    if (payment.status !== 'succeeded') {
      throw AppException.conflict(
        'PAYMENT_NOT_REFUNDABLE',
        `Only a succeeded payment can be refunded; this one is ${payment.status}`,
      );
    }
    switch (payment.provider) {
      case 'stripe':
        await this.refundThroughStripe(payment);
        break;
      case 'stars':
        await this.refundStars(payment);
        break;
      case 'telegram_star_subscription':
        // The Stars went to the channel, not to the bot: only Telegram can give them back.
        throw AppException.conflict(
          'PAYMENT_NOT_REFUNDABLE',
          'Telegram Star subscription payments are collected by Telegram for the channel; ' +
            'refund them in Telegram, then remove the member',
        );
    }
    return this.apply({
      payment,
      source: 'seller',
      amountMinor: payment.amountMinor,
      reason: params.reason,
    });
  }

  /**
   * Records a full refund and revokes access. Only the caller that inserts the refund decision
   * (or finds the payment not yet marked, after a crash) writes and announces it.
   */
  async apply(params: {
    payment: PaymentView;
    source: RefundInfo['source'];
    amountMinor: number;
    reason?: string;
  }): Promise<PaymentView> {
    const { payment, source, amountMinor, reason } = params;
    const at = this.clock.now();
    const decided = await this.decisions.decideRefund({
      paymentId: payment.id,
      sellerId: payment.sellerId,
      source,
      amountMinor,
      ...(reason ? { reason } : {}),
      at,
    });
    const refund = decided
      ? { at, amountMinor, source, ...(reason ? { reason } : {}) }
      : await this.decisions.findRefund(payment.id);
    if (!refund) {
      throw new Error(`Refund of payment ${payment.id} collided but cannot be read back`);
    }
    const info: RefundInfo = {
      at: refund.at,
      amountMinor: refund.amountMinor,
      source: refund.source,
      ...(refund.reason ? { reason: refund.reason } : {}),
    };
    const current = (await this.payments.findAnywhere(payment.id)) ?? payment;
    if (current.status === 'refunded' && !decided) {
      return current;
    }
    await this.payments.markRefunded(payment.id, info);
    const refunded: PaymentView = { ...current, status: 'refunded', refund: info };
    const telegramUserId = await this.settlement.recipientOf(current);
    const membership =
      telegramUserId === undefined
        ? undefined
        : await this.memberships.findByKey(current.planId, telegramUserId);
    const event: PaymentRefundedEvent = {
      payment: refunded,
      sellerId: current.sellerId,
      membershipId: membership?.id,
      telegramUserId,
      grantIds: current.grantId ? [current.grantId] : [],
      source: info.source,
      at: info.at,
    };
    await this.events.emitAsync(PaymentEvents.Refunded, event);
    return refunded;
  }

  private async refundThroughStripe(payment: PaymentView): Promise<void> {
    const stripe = await this.stripeAccounts.clientFor(payment);
    const paymentIntent =
      payment.stripe?.paymentIntentId ??
      (await this.decisions.refsOf(payment.id, 'payment_intent'))[0];
    if (!paymentIntent) {
      throw AppException.conflict(
        'PAYMENT_NOT_REFUNDABLE',
        'Stripe has not reported the charge of this payment yet; try again in a minute',
      );
    }
    try {
      await stripe.refunds.create(
        {
          payment_intent: paymentIntent,
          reason: 'requested_by_customer',
          metadata: { paymentId: payment.id },
        },
        { idempotencyKey: `refund:${payment.id}` },
      );
    } catch (error) {
      if (
        !(error instanceof Stripe.errors.StripeError) ||
        error.code !== 'charge_already_refunded'
      ) {
        throw stripeFailure(error);
      }
    }
    const subscriptionId = payment.stripe?.subscriptionId;
    if (subscriptionId) {
      // A refunded subscriber must not be charged again.
      await stripe.subscriptions.cancel(subscriptionId).catch((error: unknown) => {
        this.logger.warn(
          `Could not cancel subscription ${subscriptionId} after refunding ${payment.id}: ${(error as Error).message}`,
        );
      });
    }
  }

  private async refundStars(payment: PaymentView): Promise<void> {
    const chargeId = payment.stars?.chargeId;
    const userId = payment.customer.telegramUserId;
    if (!chargeId || userId === undefined) {
      throw AppException.conflict('PAYMENT_NOT_REFUNDABLE', 'This Stars payment has no charge id');
    }
    await this.outbox.enqueue({
      kind: 'refundStarPayment',
      payload: { userId, telegramPaymentChargeId: chargeId },
      idempotencyKey: `stars-refund:${payment.id}`,
      correlation: { sellerId: payment.sellerId, paymentId: payment.id },
    });
  }
}

function stripeFailure(error: unknown): AppException {
  const message = error instanceof Error ? error.message : String(error);
  return new AppException(HttpStatus.BAD_GATEWAY, 'STRIPE_ERROR', `Stripe refused: ${message}`);
}
