import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Clock } from '../common/clock/clock';
import { GrantOutcome, GrantService } from '../memberships/grant.service';
import { ClaimLinks } from './claim-links';
import { PaymentDecisionsRepository } from './payment-decisions.repository';
import type { SuccessPatch } from './payment-repository.types';
import { PaymentRepository } from './payment.repository';
import {
  durationMinutesOf,
  PaymentCustomer,
  PaymentView,
  StarsRefs,
  StoredStripeRefs,
  utcDay,
} from './payment.types';
import { PaymentEvents, PaymentSucceededEvent } from './payments.events';

/**
 * Added to the first period of a subscription. Providers charge a renewal at (Stripe: about an
 * hour after) the end of the period, so without it every member would lose access, and be
 * removed from the channels, for the minutes between our expiry and the renewal's arrival.
 * Renewals add exactly the plan's duration, so the slack never grows.
 */
export const SUBSCRIPTION_SLACK_MINUTES = 24 * 60;

export interface SettleInput {
  payment: PaymentView;
  /** Unique per provider: Stripe session id (one-off) or invoice id (subscriptions), Stars charge id. */
  providerPaymentId: string;
  telegramUserId?: number;
  /** Contact details the provider learned at payment (Stripe collects the e-mail). */
  customer?: PaymentCustomer;
  stripe?: StoredStripeRefs;
  stars?: StarsRefs;
  subscriptionId?: string;
  /**
   * Paid time the provider fixed itself (a Telegram Star subscription period, from its
   * until_date), used as it is: no slack, the provider says when it ends.
   */
  durationMinutes?: number;
}

export type SettleOutcome =
  | { kind: 'granted' | 'already_granted'; payment: PaymentView; grant: GrantOutcome }
  | { kind: 'refunded'; payment: PaymentView };

/**
 * The one path from "the provider says it is paid" to access, for Stripe and Stars alike:
 * GrantService.grant decides exactly once (its unique grant id), then the payment is marked
 * succeeded with values derived from the grant (so a redelivery, or a concurrent one, writes the
 * same thing) and `payment.succeeded` is announced. Safe to call any number of times.
 */
@Injectable()
export class PaymentSettlementService {
  private readonly logger = new Logger(PaymentSettlementService.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly grants: GrantService,
    private readonly claimLinks: ClaimLinks,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  async settle(input: SettleInput): Promise<SettleOutcome> {
    const { payment } = input;
    // A refund recorded before the payment was settled (Stripe does not order webhooks) marks the
    // payment refunded right after deciding it; such a payment is never granted.
    if (payment.status === 'refunded') {
      this.logger.warn(`Payment ${payment.id} was refunded before it was settled: not granted`);
      return { kind: 'refunded', payment };
    }
    const telegramUserId = input.telegramUserId ?? (await this.recipientOf(payment));
    const customer = contactOf({ ...payment.customer, ...input.customer });
    const grant = await this.grants.grant({
      provider: payment.provider,
      providerPaymentId: input.providerPaymentId,
      kind: payment.kind === 'renewal' ? 'renewal' : 'purchase',
      sellerId: payment.sellerId,
      planId: payment.planId,
      paymentId: payment.id,
      ...(telegramUserId === undefined ? {} : { telegramUserId }),
      channels: payment.plan.channels,
      durationMinutes: input.durationMinutes ?? this.durationOf(payment),
      accessMode: payment.plan.accessMode,
      billing: payment.plan.billing,
      customer,
      ...(input.subscriptionId ? { stripeSubscriptionId: input.subscriptionId } : {}),
    });
    const settled =
      payment.status === 'succeeded'
        ? payment
        : await this.markSucceeded(input, grant, telegramUserId);
    // Announced on every settlement, also a repeated one: a delivery processed again after a crash
    // must not lose the event; listeners dedupe on the payment id (see PaymentEvents).
    const event: PaymentSucceededEvent = {
      payment: settled,
      sellerId: payment.sellerId,
      grantId: grant.grant.id,
      membershipId: grant.membership?.id,
      telegramUserId,
      renewal: payment.kind === 'renewal',
      claimUrl:
        telegramUserId === undefined && payment.claim
          ? this.claimLinks.urlFor(payment.id, payment.claim)
          : undefined,
    };
    await this.events.emitAsync(PaymentEvents.Succeeded, event);
    return { kind: grant.created ? 'granted' : 'already_granted', payment: settled, grant };
  }

  /** Writes the success fields, derived from the grant so that every writer writes the same. */
  private async markSucceeded(
    input: SettleInput,
    grant: GrantOutcome,
    telegramUserId: number | undefined,
  ): Promise<PaymentView> {
    const { payment } = input;
    const paidAt = grant.grant.createdAt;
    const patch: SuccessPatch = {
      grantId: grant.grant.id,
      paidAt,
      day: utcDay(paidAt),
      customer: {
        ...payment.customer,
        ...input.customer,
        ...(telegramUserId === undefined || payment.customer.telegramUserId !== undefined
          ? {}
          : { telegramUserId }),
      },
      ...(input.stripe ? { stripe: input.stripe } : {}),
      ...(input.stars ? { stars: input.stars } : {}),
      ...(input.subscriptionId ? { subscriptionId: input.subscriptionId } : {}),
    };
    await this.payments.markSucceeded(payment.id, patch, this.clock.now());
    const { subscriptionId: _subscription, stripe: _stripe, ...fields } = patch;
    return {
      ...payment,
      ...fields,
      ...(input.stripe
        ? {
            stripe: {
              ...input.stripe,
              checkoutSessionId: payment.stripe?.checkoutSessionId,
              subscriptionId: input.subscriptionId ?? payment.stripe?.subscriptionId,
            },
          }
        : {}),
      status: 'succeeded',
    };
  }

  /**
   * Who gets the access when the provider did not say: the buyer named at checkout, or whoever
   * claimed the web payment (a renewal follows its subscription's first payment).
   */
  async recipientOf(payment: PaymentView): Promise<number | undefined> {
    if (payment.customer.telegramUserId !== undefined) {
      return payment.customer.telegramUserId;
    }
    const root = payment.parentPaymentId
      ? await this.payments.findAnywhere(payment.parentPaymentId)
      : payment;
    if (root?.customer.telegramUserId !== undefined) {
      return root.customer.telegramUserId;
    }
    return root?.claim?.claimedBy ?? (await this.decisions.claimOf(root?.id ?? payment.id));
  }

  private durationOf(payment: PaymentView): number {
    const base = durationMinutesOf(payment.plan);
    const firstOfSubscription = payment.plan.billing === 'recurring' && payment.kind === 'purchase';
    return firstOfSubscription ? base + SUBSCRIPTION_SLACK_MINUTES : base;
  }
}

function contactOf(customer: PaymentCustomer): Omit<PaymentCustomer, 'telegramUserId'> {
  return {
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.name ? { name: customer.name } : {}),
    ...(customer.phone ? { phone: customer.phone } : {}),
  };
}
