import { attemptResult, MAX_THROTTLED_ATTEMPTS } from './attempt-result';
import type { OutboxJob } from './outbox.types';

const now = new Date('2025-01-01T00:00:00Z');
const job = {
  failures: 0,
  throttled: 0,
  maxAttempts: 3,
} as OutboxJob;

describe('attemptResult', () => {
  it('stores the result of a done attempt and announces it', () => {
    expect(attemptResult(job, { type: 'done', result: { messageId: 7 } }, now)).toEqual({
      changes: { status: 'done', result: { messageId: 7 }, finishedAt: now },
      event: 'outbox.job_done',
      counter: 'done',
    });
  });

  it('fails a permanent refusal at once with its reason', () => {
    const result = attemptResult(
      job,
      {
        type: 'failed',
        code: 'BOT_BLOCKED',
        reason: '403: Forbidden: bot was blocked by the user',
      },
      now,
    );
    expect(result.changes).toMatchObject({
      status: 'failed',
      lastError: 'BOT_BLOCKED: 403: Forbidden: bot was blocked by the user',
    });
    expect(result.event).toBe('outbox.job_failed');
  });

  it('backs off after a transient failure', () => {
    const result = attemptResult(job, { type: 'retry', code: 'NETWORK', reason: 'x' }, now);
    expect(result.changes).toEqual({
      status: 'pending',
      failures: 1,
      lastError: 'NETWORK: x',
      nextAttemptAt: new Date(now.getTime() + 5_000),
    });
    expect(result.event).toBeUndefined();
  });

  it("waits by the kind's own schedule when it has one", () => {
    const schedule = (failures: number): number => [0, 10_000, 30_000][failures];
    const result = attemptResult(
      { ...job, failures: 1 },
      { type: 'retry', code: 'HTTP_500', reason: 'x' },
      now,
      schedule,
    );
    expect(result.changes.nextAttemptAt).toEqual(new Date(now.getTime() + 30_000));
  });

  it('declares the job dead when the last allowed attempt fails', () => {
    const result = attemptResult(
      { ...job, failures: 2 },
      { type: 'retry', code: 'TELEGRAM_UNAVAILABLE', reason: '502' },
      now,
    );
    expect(result.changes).toMatchObject({ status: 'dead', failures: 3 });
    expect(result.event).toBe('outbox.job_dead');
  });

  it('waits exactly retry_after on a 429 without spending an attempt', () => {
    const result = attemptResult(
      { ...job, failures: 2 },
      { type: 'throttled', retryAfterMs: 3_000, reason: '429' },
      now,
    );
    expect(result.changes).toEqual({
      status: 'pending',
      throttled: 1,
      lastError: 'THROTTLED: 429',
      nextAttemptAt: new Date(now.getTime() + 3_000),
    });
  });

  it('gives up on a job that is throttled without end', () => {
    const result = attemptResult(
      { ...job, throttled: MAX_THROTTLED_ATTEMPTS - 1 },
      { type: 'throttled', retryAfterMs: 1_000, reason: '429' },
      now,
    );
    expect(result.changes.status).toBe('dead');
  });

  it('puts an attempt stopped by a shutdown back in the queue at once', () => {
    expect(attemptResult(job, { type: 'interrupted' }, now).changes).toMatchObject({
      status: 'pending',
      nextAttemptAt: now,
    });
  });
});
