import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';
import { Clock } from '../../common/clock/clock';
import { MembershipsService } from '../../memberships/memberships.service';
import { PaymentDecisionsRepository } from '../payment-decisions.repository';
import { PaymentRepository } from '../payment.repository';
import { ENDED_SUBSCRIPTION_STATUSES } from './stripe-objects';
import { paymentInScope, StripeScope } from './stripe-scope';

/**
 * customer.subscription.updated / .deleted. When Stripe stops a subscription for good (deleted,
 * or updated to canceled / unpaid), its end is recorded once (a unique insert): no renewal is
 * granted after it, however late its webhook arrives. The member keeps the time already paid;
 * the membership stops expecting renewals (no grace), and the expiry job removes the member when
 * the paid time ends. A cancellation at period end is only a plan: the deletion follows.
 */
@Injectable()
export class StripeSubscriptionEvents {
  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
  ) {}

  async changed(params: {
    subscription: Stripe.Subscription;
    deleted: boolean;
    eventId: string;
    scope: StripeScope;
  }): Promise<string> {
    const { subscription, deleted, eventId, scope } = params;
    if (!deleted && !ENDED_SUBSCRIPTION_STATUSES.includes(subscription.status)) {
      return 'ignored: subscription still billing';
    }
    const paymentId =
      subscription.metadata?.paymentId ??
      (await this.decisions.findRef('subscription', subscription.id))?.paymentId;
    const root = paymentId ? await this.payments.findAnywhere(paymentId) : undefined;
    if (!root || !paymentInScope(root, scope)) {
      return 'ignored: not a subscription of this account';
    }
    const first = await this.decisions.decideSubscriptionEnd({
      subscriptionId: subscription.id,
      sellerId: root.sellerId,
      paymentId: root.id,
      status: deleted ? 'canceled' : subscription.status,
      eventId,
      at: this.clock.now(),
    });
    // Repeated on every delivery: the membership may not have existed the first time.
    await this.memberships.stopRenewal({ stripeSubscriptionId: subscription.id });
    return first ? 'subscription ended' : 'subscription already ended';
  }
}
