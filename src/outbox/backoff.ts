const FIRST_RETRY_MS = 5_000;
const MAX_RETRY_MS = 5 * 60_000;

/**
 * Delay before the next attempt after `failures` failed attempts: the first attempt is immediate,
 * then 5 s, 10 s, 20 s, 40 s... capped at 5 minutes. No jitter: one dispatcher sends at a time
 * (lease) under a rate limiter, so retries cannot stampede.
 */
export function retryDelayMs(failures: number): number {
  if (failures <= 0) {
    return 0;
  }
  return Math.min(FIRST_RETRY_MS * 2 ** (failures - 1), MAX_RETRY_MS);
}
