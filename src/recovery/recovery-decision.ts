import type { OutboxJob } from '../outbox/outbox.types';
import { latestDeliveryJobs, type DeliveryState } from './delivery-status';
import type { RecoveryAttemptRecord } from './recovery-attempt.repository';
import { backoffAfter, RECOVERY_POLICY } from './recovery-policy';
import type { RecoveryTrigger } from './schemas/recovery-attempt.schema';

export interface DecisionInput {
  trigger: RecoveryTrigger;
  now: Date;
  /** When the payment was paid (its grant recorded). */
  paidAt: Date;
  /** False for a refunded or cancelled payment: nothing is to be delivered any more. */
  paid: boolean;
  grant: { applied: boolean; claimed: boolean } | undefined;
  state: DeliveryState;
  /** The payment's delivery jobs. */
  jobs: OutboxJob[];
  attempts: RecoveryAttemptRecord[];
}

export type RecoveryStep = 'reapply' | 'deliver' | 'redeliver' | 'retry' | 'verify';

export type Decision =
  | { kind: 'done'; reason: 'delivered' | 'not_paid' | 'no_grant' }
  | { kind: 'wait'; until: Date; reason: 'fresh' | 'awaiting_claim' | 'backoff' }
  | { kind: 'exhausted' }
  /**
   * reapply: the grant was recorded but never applied; deliver: applied, but no delivery was
   * ever queued (the original delivery, same keys); redeliver: the delivery failed (fresh links);
   * retry: the delivery's jobs wait in back-off, make them due now; verify: the outbox is still
   * on it, only check whether the payer is in every chat already.
   */
  | { kind: 'act'; step: RecoveryStep; retryJobIds: string[] };

const MANUAL: RecoveryTrigger[] = ['manual', 'bulk'];

/**
 * What recovery should do for one paid payment now. Pure. Scheduled triggers respect the
 * payment's age, the attempt budget and the back-off; an admin's manual trigger acts at once.
 */
export function decide(input: DecisionInput): Decision {
  const { now, state, attempts } = input;
  if (!input.paid) {
    return { kind: 'done', reason: 'not_paid' };
  }
  if (!input.grant) {
    return { kind: 'done', reason: 'no_grant' };
  }
  if (state.deliveryStatus === 'success') {
    return { kind: 'done', reason: 'delivered' };
  }
  if (!input.grant.claimed) {
    return {
      kind: 'wait',
      until: after(now, RECOVERY_POLICY.awaitingClaimRecheckMs),
      reason: 'awaiting_claim',
    };
  }
  const manual = MANUAL.includes(input.trigger);
  const age = now.getTime() - input.paidAt.getTime();
  if (!manual) {
    if (attempts.length >= RECOVERY_POLICY.maxScheduledAttempts) {
      return { kind: 'exhausted' };
    }
    const last = attempts.at(-1);
    if (last) {
      const next = after(last.at, backoffAfter(attempts.length));
      if (next > now) {
        return { kind: 'wait', until: next, reason: 'backoff' };
      }
    }
  }
  const freshUntil = after(input.paidAt, RECOVERY_POLICY.freshCheckMs);
  if (!input.grant.applied || state.deliveries === 0) {
    if (!manual && age < RECOVERY_POLICY.freshCheckMs) {
      return { kind: 'wait', until: freshUntil, reason: 'fresh' };
    }
    return act(input.grant.applied ? 'deliver' : 'reapply');
  }
  if (state.deliveryStatus === 'failed') {
    return act('redeliver');
  }
  if (!manual && age < RECOVERY_POLICY.deliveryDeadlineMs) {
    return {
      kind: 'wait',
      until: after(input.paidAt, RECOVERY_POLICY.deliveryDeadlineMs),
      reason: 'fresh',
    };
  }
  const retryJobIds = latestDeliveryJobs(input.jobs)
    .filter((job) => job.status === 'pending' && new Date(job.nextAttemptAt) > now)
    .map((job) => job.id);
  return { kind: 'act', step: retryJobIds.length > 0 ? 'retry' : 'verify', retryJobIds };
}

function act(step: RecoveryStep): Decision {
  return { kind: 'act', step, retryJobIds: [] };
}

function after(at: Date, ms: number): Date {
  return new Date(at.getTime() + ms);
}
