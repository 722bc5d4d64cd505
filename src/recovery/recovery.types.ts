import type { DeliveryStatus } from './delivery-status';
import type { RecoveryAction, RecoveryTrigger } from './schemas/recovery-attempt.schema';

export const RECOVERY_OUTCOMES = [
  'recovered',
  'already_member',
  'already_delivered',
  'in_progress',
  'waiting',
  'exhausted',
  'not_recoverable',
  'busy',
  'failed',
  'not_found',
] as const;
/**
 * What recovery did for one payment. recovered: an attempt acted (applied, delivered again, made
 * jobs due); already_member: the payer is in every chat, nothing sent; already_delivered: nothing
 * to do; in_progress: the outbox is still on it; waiting: too early (fresh, back-off, awaiting
 * the web payment's claim); exhausted: scheduled attempts used up, admins alerted;
 * not_recoverable: refunded, cancelled, never paid; busy: someone else is making this attempt;
 * failed: the attempt itself failed (see detail); not_found: no such payment.
 */
export type RecoveryOutcome = (typeof RECOVERY_OUTCOMES)[number];

export interface RecoveryResult {
  paymentId: string;
  outcome: RecoveryOutcome;
  action?: RecoveryAction;
  /** The attempt number when one was made. */
  attempt?: number;
  detail?: string;
  deliveryStatus?: DeliveryStatus;
}

export interface RecoveryPassReport {
  trigger: RecoveryTrigger;
  startedAt: Date;
  finishedAt: Date;
  /** Paid payments put on the worklist by this pass (their delayed check had not run). */
  watchesAdded: number;
  checked: number;
  outcomes: Record<RecoveryOutcome, number>;
  /** Payments an attempt acted on, with what it did. */
  actions: Partial<Record<RecoveryAction, number>>;
}
