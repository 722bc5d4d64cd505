import { retryDelayMs } from './backoff';
import type { DispatchReport } from './dispatch-report';
import type { OutboxJobChanges } from './outbox-job.repository';
import type { AttemptOutcome } from './outbox-executor';
import { OutboxEventName, OutboxEvents } from './outbox.events';
import type { OutboxJob } from './outbox.types';

/**
 * 429s do not count toward maxAttempts (Telegram refused before doing anything and said exactly
 * how long to wait), but a job throttled this many times in a row is dead all the same, so a
 * flood that never ends cannot keep a job alive for ever.
 */
export const MAX_THROTTLED_ATTEMPTS = 50;

/** interrupted: the app stopped mid-call; exhausted: taken over with no attempt left. */
export type AttemptEnd = AttemptOutcome | { type: 'interrupted' } | { type: 'exhausted' };

export interface AttemptResult {
  changes: Omit<OutboxJobChanges, 'updatedAt' | 'owner' | 'lockedUntil'>;
  event?: OutboxEventName;
  counter: keyof DispatchReport;
}

/** The job's next state after an attempt ended this way (`delayMs`: the kind's schedule). Pure. */
export function attemptResult(
  job: OutboxJob,
  end: AttemptEnd,
  now: Date,
  delayMs: (failures: number) => number = retryDelayMs,
): AttemptResult {
  switch (end.type) {
    case 'done':
      return {
        changes: { status: 'done', result: end.result, finishedAt: now },
        event: OutboxEvents.JobDone,
        counter: 'done',
      };
    case 'failed':
      return {
        changes: { status: 'failed', lastError: `${end.code}: ${end.reason}`, finishedAt: now },
        event: OutboxEvents.JobFailed,
        counter: 'failed',
      };
    case 'retry': {
      const failures = job.failures + 1;
      const lastError = `${end.code}: ${end.reason}`;
      if (failures >= job.maxAttempts) {
        return {
          changes: { status: 'dead', failures, lastError, finishedAt: now },
          event: OutboxEvents.JobDead,
          counter: 'dead',
        };
      }
      return {
        changes: {
          status: 'pending',
          failures,
          lastError,
          nextAttemptAt: new Date(now.getTime() + delayMs(failures)),
        },
        counter: 'retried',
      };
    }
    case 'throttled': {
      const throttled = job.throttled + 1;
      const lastError = `THROTTLED: ${end.reason}`;
      if (throttled >= MAX_THROTTLED_ATTEMPTS) {
        return {
          changes: { status: 'dead', throttled, lastError, finishedAt: now },
          event: OutboxEvents.JobDead,
          counter: 'dead',
        };
      }
      return {
        changes: {
          status: 'pending',
          throttled,
          lastError,
          nextAttemptAt: new Date(now.getTime() + end.retryAfterMs),
        },
        counter: 'throttled',
      };
    }
    case 'exhausted':
      return {
        changes: {
          status: 'dead',
          failures: job.failures,
          lastError: job.lastError,
          finishedAt: now,
        },
        event: OutboxEvents.JobDead,
        counter: 'dead',
      };
    case 'interrupted':
      return {
        changes: {
          status: 'pending',
          nextAttemptAt: now,
          lastError: 'INTERRUPTED: the application stopped during the call',
        },
        counter: 'interrupted',
      };
  }
}
