import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { OutboxService } from '../outbox/outbox.service';
import type { OutboxJob } from '../outbox/outbox.types';
import { deliveryIdOf, deriveDeliveryState, DeliveryState } from './delivery-status';
import { DeliveryWatchRepository, stateFields } from './delivery-watch.repository';
import { RecoveryAttemptRecord, RecoveryAttemptRepository } from './recovery-attempt.repository';

/** Jobs a payment can have: a few per delivery, a handful of deliveries at most. */
const MAX_JOBS = 500;

export interface DeliverySnapshot {
  state: DeliveryState;
  jobs: OutboxJob[];
  attempts: RecoveryAttemptRecord[];
}

/**
 * A payment's delivery state, always derived now from its outbox jobs (found by their
 * `paymentId` correlation) and its recovery attempts; the watch keeps a recomputed copy for
 * lists and filters.
 */
@Injectable()
export class DeliveryStatusService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly attempts: RecoveryAttemptRepository,
    private readonly watches: DeliveryWatchRepository,
    private readonly clock: Clock,
  ) {}

  async snapshot(paymentId: string): Promise<DeliverySnapshot> {
    const [all, attempts] = await Promise.all([
      this.outbox.findByCorrelation({ paymentId }, MAX_JOBS),
      this.attempts.listFor(paymentId),
    ]);
    const jobs = all.filter((job) => deliveryIdOf(job) !== undefined);
    return { state: deriveDeliveryState(jobs, attempts), jobs, attempts };
  }

  /** Recomputes the watch's copy (no-op for a payment nobody watches). */
  async refresh(paymentId: string): Promise<DeliveryState> {
    const { state } = await this.snapshot(paymentId);
    await this.store(paymentId, state);
    return state;
  }

  async store(paymentId: string, state: DeliveryState): Promise<void> {
    await this.watches.update(paymentId, {
      ...stateFields(state, this.clock.now()),
      ...(state.deliveryStatus === 'success' ? { nextCheckAt: null } : {}),
    });
  }
}
