import { Injectable, Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { Clock } from '../common/clock/clock';
import { PaymentDecisionsRepository } from './payment-decisions.repository';
import { SUBSCRIPTION_SLACK_MINUTES } from './payment-settlement.service';
import { PaymentRepository } from './payment.repository';
import { durationMinutesOf, type PaymentView } from './payment.types';
import { StripeAccountResolver } from './stripe/stripe-account.resolver';

const MINUTE_MS = 60_000;

/** A web payment nobody claimed, with its subscription's renewals: one seller's. */
export interface UnclaimedPayment {
  sellerId: string;
  paymentIds: string[];
  /** The grants these payments made (unclaimed: no membership, no Telegram account). */
  grantIds: string[];
}

export interface UnclaimedScan {
  /** Claim expired and paid time over before the cut-off: their contact details may go. */
  ended: UnclaimedPayment[];
  /** Expired claims kept for now (a subscription still renewing, or a claim being recorded). */
  kept: number;
  /** Payments read: fewer than the limit means the list is done. */
  read: number;
}

/**
 * The payments domain's part of privacy: a payment keeps its financial record (amount, currency,
 * dates, plan) and loses the customer's contact details, its claim link and the record of who
 * claimed it.
 */
@Injectable()
export class PaymentErasureService {
  private readonly logger = new Logger(PaymentErasureService.name);

  constructor(
    private readonly payments: PaymentRepository,
    private readonly decisions: PaymentDecisionsRepository,
    private readonly stripeAccounts: StripeAccountResolver,
    private readonly clock: Clock,
  ) {}

  /** Idempotent; answers how many payments it erased now. */
  async erasePersonalData(params: { sellerId: string; paymentIds: string[] }): Promise<number> {
    await this.stopSubscriptions(params);
    const erased = await this.payments.erasePersonalData({
      sellerId: params.sellerId,
      ids: params.paymentIds,
      at: this.clock.now(),
    });
    // After the payment lost its claim token hash: the link can no longer be redeemed, so the
    // claim decision has no role left. Deleted, not kept with a placeholder id, because a later
    // renewal would read a placeholder as the Telegram account to grant (recipientOf).
    await this.decisions.deleteClaims(params);
    return erased;
  }

  /**
   * An erased member can no longer be served, so their Stripe subscription must stop charging
   * them: cancelled now, before the payment forgets who it was. A subscription that already ended
   * is fine; any other refusal is logged and left to the seller (the account may be gone).
   */
  private async stopSubscriptions(params: {
    sellerId: string;
    paymentIds: string[];
  }): Promise<void> {
    const bySubscription = new Map<string, PaymentView>();
    for (const id of params.paymentIds) {
      const payment = await this.payments.findAnywhere(id);
      const subscriptionId = payment?.stripe?.subscriptionId;
      if (payment?.sellerId === params.sellerId && subscriptionId) {
        bySubscription.set(subscriptionId, payment);
      }
    }
    for (const [subscriptionId, payment] of bySubscription) {
      try {
        const stripe = await this.stripeAccounts.clientFor(payment);
        await stripe.subscriptions.cancel(subscriptionId);
      } catch (error) {
        if (!isAlreadyEnded(error)) {
          this.logger.warn(
            `Could not cancel subscription ${subscriptionId} of an erased member (payment ${payment.id}): ${(error as Error).message}`,
          );
        }
      }
    }
  }

  /**
   * Web payments made without a Telegram id keep the buyer's e-mail, name and phone to deliver
   * the claim link. Once the link expired unclaimed and the paid time (a subscription's latest
   * renewal included) is over, both before `endedBefore`, that data has no use left. Reads one
   * page of candidates; the caller erases the ended ones (which leaves them off the list) and
   * skips the kept ones on its next call.
   */
  async scanUnclaimed(params: {
    endedBefore: Date;
    skip: number;
    limit: number;
  }): Promise<UnclaimedScan> {
    const candidates = await this.payments.findExpiredUnclaimed({
      expiredBefore: params.endedBefore,
      skip: params.skip,
      limit: params.limit,
    });
    const scan: UnclaimedScan = { ended: [], kept: 0, read: candidates.length };
    for (const payment of candidates) {
      // A claim decided but not yet recorded on the payment (its claimant stopped between the
      // two writes) belongs to a member now: their erasure handles it.
      if ((await this.decisions.claimOf(payment.id)) !== undefined) {
        scan.kept += 1;
        continue;
      }
      const chain = [payment, ...(await this.payments.listRenewals(payment.id))];
      if (paidUntil(chain) > params.endedBefore.getTime()) {
        scan.kept += 1;
        continue;
      }
      scan.ended.push({
        sellerId: payment.sellerId,
        paymentIds: chain.map((p) => p.id),
        grantIds: chain.flatMap((p) => (p.grantId ? [p.grantId] : [])),
      });
    }
    return scan;
  }
}

/**
 * The latest end of the time these payments paid for, in ms, as the grants count it (a
 * subscription's first period has its slack). An upper bound: a refunded payment ended sooner,
 * which can only keep the data a little longer.
 */
function paidUntil(chain: PaymentView[]): number {
  let until = 0;
  for (const payment of chain) {
    if (payment.paidAt) {
      const slack =
        payment.plan.billing === 'recurring' && payment.kind === 'purchase'
          ? SUBSCRIPTION_SLACK_MINUTES
          : 0;
      const minutes = durationMinutesOf(payment.plan) + slack;
      until = Math.max(until, payment.paidAt.getTime() + minutes * MINUTE_MS);
    }
  }
  return until;
}

/** Stripe refuses to cancel a subscription that is already canceled, or gone. */
function isAlreadyEnded(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeError &&
    (error.code === 'resource_missing' || /cancel/i.test(error.message))
  );
}
