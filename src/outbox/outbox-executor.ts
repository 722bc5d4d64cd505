import type { OutboxKind, OutboxPayloads, RateClass } from './outbox.types';

/** What one attempt came to, decided by the executor's classify(). */
export type AttemptOutcome =
  | { type: 'done'; result?: unknown }
  /** May work later (network, 5xx, timeout): counts toward maxAttempts, backs off. */
  | { type: 'retry'; code: string; reason: string }
  /** Told to wait (429 retry_after): does not count toward maxAttempts. */
  | { type: 'throttled'; retryAfterMs: number; reason: string }
  /** Will never work as asked (blocked by the user, chat not found...): no retry. */
  | { type: 'failed'; code: string; reason: string };

export interface ExecutionContext {
  jobId: string;
  attempt: number;
  /** Aborted when the call takes longer than OUTBOX_CALL_TIMEOUT_MS or the app stops. */
  signal: AbortSignal;
}

/**
 * Performs one kind of job. Register one per kind with OutboxExecutorRegistry.register() in the
 * owning module's onModuleInit.
 */
export interface OutboxExecutor<K extends OutboxKind = OutboxKind> {
  readonly kind: K;
  readonly rateClass: RateClass;
  /**
   * This kind's own retry schedule: the wait after `failures` failed attempts. Left out: the
   * outbox default (5 s doubling, capped at 5 minutes), which suits Telegram calls.
   */
  retryDelayMs?(failures: number): number;
  /**
   * What of the payload the job keeps once done; left out: all of it. A message's text is
   * between the platform and its recipient, and some carry a secret (an admin's login code), so
   * it is not kept once delivered. Failed and dead jobs keep theirs, for re-delivery.
   */
  keptWhenDone?(payload: OutboxPayloads[K]): OutboxPayloads[K];
  /** This kind's own attempt budget; left out: OUTBOX_MAX_ATTEMPTS. */
  readonly maxAttempts?: number;
  /** False while the outside system is not configured (no bot token): such jobs just wait. */
  available(): boolean;
  /** The narrowest rate-limit key of a payload, e.g. `tg:<chatId>` (stored as job.chatKey). */
  chatKey(payload: OutboxPayloads[K]): string;
  /** Does it once; the resolved value becomes job.result. Throws when it did not work. */
  execute(payload: OutboxPayloads[K], context: ExecutionContext): Promise<unknown>;
  classify(error: unknown): AttemptOutcome;
}
