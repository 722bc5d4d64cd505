const MINUTE_MS = 60_000;

/** The numbers of the delivery recovery (issue 6), in one place. */
export const RECOVERY_POLICY = {
  /** A fresh payment is looked at this long after its grant (the delayed check). */
  freshCheckMs: 2 * MINUTE_MS,
  /** Access not delivered this long after payment is recovered. */
  deliveryDeadlineMs: 10 * MINUTE_MS,
  /** Scheduled attempts per payment; then admins are alerted (manual recovery still works). */
  maxScheduledAttempts: 5,
  /** The wait after scheduled attempt n (1-based) before attempt n + 1. */
  backoffMs: [5 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS, 60 * MINUTE_MS],
  /** A delivery the outbox is still working on is looked at again after this. */
  inFlightRecheckMs: 10 * MINUTE_MS,
  /** A web payment nobody claimed yet is looked at again after this. */
  awaitingClaimRecheckMs: 60 * MINUTE_MS,
  /** The sweep adds paid payments it finds unwatched from this far back. */
  sweepHorizonMs: 24 * 60 * MINUTE_MS,
  /** Payments looked at per pass. */
  batchSize: 200,
} as const;

export function backoffAfter(attempt: number): number {
  const table = RECOVERY_POLICY.backoffMs;
  return table[Math.min(Math.max(attempt, 1), table.length) - 1];
}
