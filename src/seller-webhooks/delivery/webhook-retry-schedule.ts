const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Waits before each retry of a delivery, over about 4 days: a receiver that is down for a deploy
 * gets the event within seconds of coming back, one that is down for a weekend still gets it.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [
  10 * SECOND,
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  HOUR,
  6 * HOUR,
  24 * HOUR,
  72 * HOUR,
] as const;

/** The first attempt plus one per retry delay. */
export const WEBHOOK_MAX_ATTEMPTS = WEBHOOK_RETRY_DELAYS_MS.length + 1;

/** The wait after `failures` failed attempts (0: at once). */
export function webhookRetryDelayMs(failures: number): number {
  if (failures <= 0) {
    return 0;
  }
  return WEBHOOK_RETRY_DELAYS_MS[Math.min(failures, WEBHOOK_RETRY_DELAYS_MS.length) - 1];
}
