import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import type { GrantView } from '../memberships/membership.types';
import { OutboxService } from '../outbox/outbox.service';
import type { PaymentView } from '../payments/payment.types';
import { PaymentsService } from '../payments/payments.service';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RECOVERY_CHECK_KIND } from './recovery-check.job';
import { RECOVERY_POLICY } from './recovery-policy';

/**
 * Which paid payments recovery looks at: each gets a delayed check 2 minutes after its grant,
 * and a watch (the worklist entry) when that check runs, when the pass's sweep finds it, or
 * when an admin reads the lists. Every step is idempotent.
 */
@Injectable()
export class RecoveryWorklist {
  constructor(
    private readonly payments: PaymentsService,
    private readonly watches: DeliveryWatchRepository,
    private readonly status: DeliveryStatusService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * A payment just succeeded: its delivery is checked 2 minutes after the grant. The check is an
   * outbox job (durable: it happens after a restart too, on whichever instance is up), and the
   * only write this adds to the payment's webhook.
   */
  async scheduleCheck(payment: PaymentView): Promise<void> {
    if (!payment.grantId) {
      return;
    }
    await this.outbox.enqueue({
      kind: RECOVERY_CHECK_KIND,
      payload: { paymentId: payment.id },
      idempotencyKey: `recovery-check:${payment.id}`,
      correlation: { sellerId: payment.sellerId },
      notBefore: freshCheckAt(payment.paidAt ?? payment.createdAt),
    });
  }

  /** Puts a paid payment on the worklist; false when it was there already (or is not paid). */
  track(payment: PaymentView): Promise<boolean> {
    if (!payment.grantId || payment.status !== 'succeeded') {
      return Promise.resolve(false);
    }
    const paidAt = payment.paidAt ?? payment.createdAt;
    return this.insert({
      paymentId: payment.id,
      sellerId: payment.sellerId,
      grantId: payment.grantId,
      paidAt,
      nextCheckAt: freshCheckAt(paidAt),
    });
  }

  /** A grant found unapplied joins the worklist under its payment, due now. */
  trackGrant(grant: GrantView & { paymentId: string }): Promise<boolean> {
    return this.insert({
      paymentId: grant.paymentId,
      sellerId: grant.sellerId,
      grantId: grant.id,
      paidAt: grant.createdAt,
      nextCheckAt: this.clock.now(),
    });
  }

  async isTracked(paymentId: string): Promise<boolean> {
    return (await this.watches.findOne(paymentId)) !== undefined;
  }

  /**
   * Puts every payment paid in the last day, up to `upTo`, on the worklist, with its state: the
   * safety net for a delayed check that has not run yet or was never scheduled. Returns how
   * many were added.
   */
  async trackRecentlyPaid(params: { upTo: Date }): Promise<number> {
    const paid = await this.payments.findSucceededPaidBetween({
      from: new Date(params.upTo.getTime() - RECOVERY_POLICY.sweepHorizonMs),
      to: params.upTo,
      limit: RECOVERY_POLICY.batchSize * 5,
    });
    const watched = await this.watches.watchedAmong(paid.map((p) => p.id));
    let added = 0;
    for (const payment of paid.filter((p) => !watched.has(p.id))) {
      if (await this.track(payment)) {
        await this.status.refresh(payment.id);
        added += 1;
      }
    }
    return added;
  }

  private insert(params: {
    paymentId: string;
    sellerId: string;
    grantId: string;
    paidAt: Date;
    nextCheckAt: Date;
  }): Promise<boolean> {
    return this.watches.insertOnce({
      ...params,
      status: 'pending',
      linkDelivered: false,
      deliveryAttempts: 0,
      lastDeliveryAttempt: null,
      failureReason: null,
      recoveryAttempts: 0,
      recoveryCompleted: false,
      exhausted: false,
      computedAt: this.clock.now(),
    });
  }
}

function freshCheckAt(paidAt: Date): Date {
  return new Date(paidAt.getTime() + RECOVERY_POLICY.freshCheckMs);
}
