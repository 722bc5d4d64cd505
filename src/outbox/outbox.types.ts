import type { TelegramOutboxPayloads } from './telegram/telegram-outbox.payloads';

export const OUTBOX_STATUSES = ['pending', 'sending', 'done', 'failed', 'dead'] as const;
/**
 * pending: waiting for its next attempt; sending: an attempt is running (owner, lockedUntil);
 * done: performed (result holds what came back); failed: refused for good (lastError says why);
 * dead: every attempt failed.
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The payload type of every job kind. Later domains add kinds by declaration merging and register
 * an executor for each (see OutboxExecutorRegistry):
 *
 *   declare module '../outbox/outbox.types' {
 *     interface OutboxPayloads { sellerWebhook: SellerWebhookPayload }
 *   }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into by other domains
export interface OutboxPayloads extends TelegramOutboxPayloads {}

export type OutboxKind = keyof OutboxPayloads;

/**
 * How a job's sending is limited: Telegram messages (per-bot and per-chat windows), other
 * Telegram calls (per-bot window only), or not at all (e.g. HTTP deliveries).
 */
export type RateClass = 'telegram-message' | 'telegram-call' | 'none';

export const CORRELATION_KEYS = ['sellerId', 'paymentId', 'membershipId'] as const;
export type CorrelationKey = (typeof CORRELATION_KEYS)[number];
/** Business ids a job belongs to, so other domains find their jobs (each key is indexed). */
export type OutboxCorrelation = Partial<Record<CorrelationKey, string>>;

export interface OutboxJob<K extends OutboxKind = OutboxKind> {
  id: string;
  kind: K;
  payload: OutboxPayloads[K];
  idempotencyKey: string;
  status: OutboxStatus;
  /** Number of the latest attempt claimed (claims are `<id>:<attempt>` in outbox_attempts). */
  attempts: number;
  /** Attempts that failed and count toward maxAttempts (429s do not). */
  failures: number;
  /** Attempts Telegram answered 429 (flood wait). */
  throttled: number;
  maxAttempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  owner?: string;
  lockedUntil?: Date;
  result?: unknown;
  chatKey: string;
  rateClass: RateClass;
  correlation: OutboxCorrelation;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

export interface EnqueueInput<K extends OutboxKind = OutboxKind> {
  kind: K;
  payload: OutboxPayloads[K];
  /** Names the business event: enqueueing the same key again returns the first job. */
  idempotencyKey: string;
  correlation?: OutboxCorrelation;
  /** Not attempted before this time. */
  notBefore?: Date;
}

/** Any kind with its own payload type, for lists of mixed jobs (enqueueMany). */
export type AnyEnqueueInput = { [K in OutboxKind]: EnqueueInput<K> }[OutboxKind];

export interface EnqueueResult<K extends OutboxKind = OutboxKind> {
  job: OutboxJob<K>;
  /** False when a job with this idempotency key already existed (nothing new was queued). */
  created: boolean;
}

export interface OutboxStats {
  /** Jobs still to do: pending plus sending. */
  backlog: number;
  /** How long the oldest due pending job has been waiting; 0 when none is due. */
  oldestDueAgeMs: number;
  byStatus: Record<OutboxStatus, number>;
}
