import {
  WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_RETRY_DELAYS_MS,
  webhookRetryDelayMs,
} from './webhook-retry-schedule';

describe('webhookRetryDelayMs', () => {
  it('retries after 10 s, 30 s, 2 min, 10 min, 1 h, 6 h, 24 h and 72 h', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(webhookRetryDelayMs)).toEqual([
      10_000, 30_000, 120_000, 600_000, 3_600_000, 21_600_000, 86_400_000, 259_200_000,
    ]);
  });

  it('allows the first attempt and eight retries', () => {
    expect(WEBHOOK_MAX_ATTEMPTS).toBe(9);
    expect(webhookRetryDelayMs(0)).toBe(0);
  });

  it('spreads the retries over more than three days', () => {
    const totalMs = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(totalMs).toBeGreaterThan(3 * 86_400_000);
    expect(totalMs).toBeLessThan(5 * 86_400_000);
  });
});
