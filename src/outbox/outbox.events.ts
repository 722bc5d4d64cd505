import type { OutboxJob } from './outbox.types';

/**
 * Emitted after the job's new state is stored. Listeners run after the fact and must be
 * idempotent; a process that stops between the write and the emit loses the event, so reactions
 * that must not be missed also read the job back (getByKey / findByCorrelation).
 */
export const OutboxEvents = {
  /** Performed; `job.result` holds what came back (e.g. the invite link). */
  JobDone: 'outbox.job_done',
  /** Refused for good (blocked by the user, chat not found, not enough rights...). */
  JobFailed: 'outbox.job_failed',
  /** Every allowed attempt failed; admins are alerted (later issue). */
  JobDead: 'outbox.job_dead',
} as const;

export type OutboxEventName = (typeof OutboxEvents)[keyof typeof OutboxEvents];

export interface OutboxJobEvent {
  job: OutboxJob;
}
