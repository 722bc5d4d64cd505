import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { OutboxEvents, OutboxJobEvent } from '../outbox/outbox.events';
import { PaymentEvents, PaymentSucceededEvent } from '../payments/payments.events';
import { deliveryIdOf } from './delivery-status';
import { DeliveryStatusService } from './delivery-status.service';
import { RecoveryService } from './recovery.service';

/**
 * A paid payment starts being watched; a delivery job that finishes refreshes the watch's copy
 * of the state. Errors are logged by the emitter and never fail the payment or the job: a
 * missed watch is added by the pass's sweep, a stale copy is recomputed on the next look.
 */
@Injectable()
export class RecoveryListener {
  constructor(
    private readonly recovery: RecoveryService,
    private readonly status: DeliveryStatusService,
  ) {}

  @OnEvent(PaymentEvents.Succeeded)
  async onPaymentSucceeded({ payment }: PaymentSucceededEvent): Promise<void> {
    await this.recovery.watch(payment);
  }

  @OnEvent(OutboxEvents.JobDone)
  @OnEvent(OutboxEvents.JobFailed)
  @OnEvent(OutboxEvents.JobDead)
  async onDeliveryJobFinished({ job }: OutboxJobEvent): Promise<void> {
    const paymentId = job.correlation.paymentId;
    if (paymentId && deliveryIdOf(job) !== undefined) {
      await this.status.refresh(paymentId);
    }
  }
}
