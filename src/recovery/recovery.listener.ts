import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OutboxEvents, OutboxJobEvent } from '../outbox/outbox.events';
import { PaymentEvents, PaymentSucceededEvent } from '../payments/payments.events';
import { deliveryIdOf, MESSAGE_JOB_KIND } from './delivery-status';
import { DeliveryStatusService } from './delivery-status.service';
import { DeliveryWatchRepository } from './delivery-watch.repository';
import { RecoveryWorklist } from './recovery-worklist.service';

/**
 * A paid payment gets its delayed delivery check. A delivery job that ends (its links' message
 * sent, or a job failed for good) refreshes the watch's copy of the state, when the payment is
 * on the worklist already: a fresh payment is not yet (its check makes the watch), so the
 * common path costs one lookup by id. Errors are logged by the emitter and never fail the
 * payment or the job: a missed check is made up by the pass's sweep, a stale copy is
 * recomputed on the next look.
 */
@Injectable()
export class RecoveryListener {
  constructor(
    private readonly worklist: RecoveryWorklist,
    private readonly status: DeliveryStatusService,
    private readonly watches: DeliveryWatchRepository,
  ) {}

  @OnEvent(PaymentEvents.Succeeded)
  async onPaymentSucceeded({ payment }: PaymentSucceededEvent): Promise<void> {
    await this.worklist.scheduleCheck(payment);
  }

  @OnEvent(OutboxEvents.JobDone)
  @OnEvent(OutboxEvents.JobFailed)
  @OnEvent(OutboxEvents.JobDead)
  async onDeliveryJobEnded({ job }: OutboxJobEvent): Promise<void> {
    const paymentId = job.correlation.paymentId;
    const ends = job.status !== 'done' || job.kind === MESSAGE_JOB_KIND;
    if (
      paymentId &&
      ends &&
      deliveryIdOf(job) !== undefined &&
      (await this.watches.findOne(paymentId))
    ) {
      await this.status.refresh(paymentId);
    }
  }
}
