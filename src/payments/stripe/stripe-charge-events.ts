import { Injectable, Logger } from '@nestjs/common';
import type Stripe from 'stripe';
import { PaymentDecisionsRepository } from '../payment-decisions.repository';
import { PaymentRefundsService } from '../payment-refunds.service';
import { PaymentRepository } from '../payment.repository';
import { idOf } from './stripe-objects';
import { paymentInScope, StripeScope } from './stripe-scope';

/**
 * charge.refunded: a refund made outside our API (the seller's Stripe Dashboard, a dispute
 * settled by refund) revokes access like one made through it. Partial refunds keep the access:
 * the seller chose to return part of the money, not to end the membership.
 */
@Injectable()
export class StripeChargeEvents {
  private readonly logger = new Logger(StripeChargeEvents.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly refunds: PaymentRefundsService,
  ) {}

  async refunded(charge: Stripe.Charge, scope: StripeScope): Promise<string> {
    // One-off payments: Stripe copies our metadata onto the charge. Subscription payments: the
    // invoice webhooks recorded the payment intent.
    const paymentIntentId = idOf(charge.payment_intent);
    const paymentId =
      charge.metadata?.paymentId ??
      (paymentIntentId
        ? (await this.decisions.findRef('payment_intent', paymentIntentId))?.paymentId
        : undefined);
    const payment = paymentId ? await this.payments.findAnywhere(paymentId) : undefined;
    if (!payment || !paymentInScope(payment, scope)) {
      return 'ignored: no payment of this account';
    }
    if (!charge.refunded) {
      this.logger.log(`Partial refund of payment ${payment.id}: access kept`);
      return 'ignored: partial refund';
    }
    if (payment.status === 'refunded') {
      return 'already refunded';
    }
    await this.refunds.apply({
      payment,
      source: 'stripe',
      amountMinor: charge.amount_refunded,
      reason: 'refunded in Stripe',
    });
    return 'refunded';
  }
}
