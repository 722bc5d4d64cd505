import type { OutboxJob } from '../outbox/outbox.types';
import { deriveDeliveryState } from './delivery-status';
import { decide, DecisionInput } from './recovery-decision';
import type { RecoveryAttemptRecord } from './recovery-attempt.repository';

const MINUTE = 60_000;
const paidAt = new Date('2026-01-01T10:00:00.000Z');
const at = (minutes: number): Date => new Date(paidAt.getTime() + minutes * MINUTE);

function job(overrides: Partial<OutboxJob>): OutboxJob {
  return {
    id: `j${Math.random().toString(16).slice(2)}`,
    kind: 'access.link',
    payload: { linkId: 'g1:-100' },
    idempotencyKey: 'access:g1:-100',
    status: 'pending',
    attempts: 0,
    failures: 0,
    throttled: 0,
    maxAttempts: 8,
    nextAttemptAt: at(0),
    chatKey: 'tg:bot',
    rateClass: 'telegram-call',
    correlation: { paymentId: 'p1' },
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

const attempt = (n: number, minutes: number): RecoveryAttemptRecord => ({
  id: `p1:${n}`,
  paymentId: 'p1',
  n,
  trigger: 'scheduled',
  action: 'redelivered',
  at: at(minutes),
});

function input(overrides: Partial<DecisionInput> & { jobs?: OutboxJob[] }): DecisionInput {
  const jobs = overrides.jobs ?? [];
  const attempts = overrides.attempts ?? [];
  return {
    trigger: 'scheduled',
    now: at(11),
    paidAt,
    paid: true,
    grant: { applied: true, claimed: true },
    state: deriveDeliveryState(jobs, attempts),
    jobs,
    attempts,
    ...overrides,
  };
}

const failedLink = job({ status: 'dead', attempts: 8, lastError: 'TELEGRAM_UNAVAILABLE' });

describe('decide', () => {
  it('leaves delivered, refunded and grant-less payments alone', () => {
    const sent = job({
      kind: 'access.message',
      status: 'done',
      payload: { recipientKey: 'x', content: { type: 'delivery', deliveryId: 'g1' } } as never,
    });
    expect(decide(input({ jobs: [sent] }))).toEqual({ kind: 'done', reason: 'delivered' });
    expect(decide(input({ paid: false }))).toEqual({ kind: 'done', reason: 'not_paid' });
    expect(decide(input({ grant: undefined }))).toEqual({ kind: 'done', reason: 'no_grant' });
  });

  it('waits for a web payment to be claimed before it can deliver anything', () => {
    expect(decide(input({ grant: { applied: false, claimed: false } }))).toMatchObject({
      kind: 'wait',
      reason: 'awaiting_claim',
    });
  });

  it('applies a grant that was recorded but never applied, once the payment is 2 minutes old', () => {
    const grant = { applied: false, claimed: true };
    expect(decide(input({ grant, now: at(1) }))).toEqual({
      kind: 'wait',
      until: at(2),
      reason: 'fresh',
    });
    expect(decide(input({ grant, now: at(2) }))).toMatchObject({ kind: 'act', step: 'reapply' });
  });

  it('queues the original delivery when an applied grant has none', () => {
    expect(decide(input({ now: at(3) }))).toMatchObject({ kind: 'act', step: 'deliver' });
  });

  it('re-delivers at once when the delivery failed, even before the 10-minute deadline', () => {
    expect(decide(input({ now: at(2), jobs: [failedLink] }))).toMatchObject({
      kind: 'act',
      step: 'redeliver',
    });
  });

  it('gives a pending delivery 10 minutes, then pulls jobs waiting in back-off forward', () => {
    const waiting = job({ status: 'pending', attempts: 2, failures: 2, nextAttemptAt: at(14) });
    expect(decide(input({ now: at(5), jobs: [waiting] }))).toEqual({
      kind: 'wait',
      until: at(10),
      reason: 'fresh',
    });
    expect(decide(input({ now: at(11), jobs: [waiting] }))).toEqual({
      kind: 'act',
      step: 'retry',
      retryJobIds: [waiting.id],
    });
  });

  it('only verifies membership when the outbox is sending or about to send', () => {
    const sending = job({ status: 'sending', attempts: 1 });
    const due = job({ status: 'pending', nextAttemptAt: at(1) });
    expect(decide(input({ jobs: [sending, due] }))).toEqual({
      kind: 'act',
      step: 'verify',
      retryJobIds: [],
    });
  });

  it('backs off between scheduled attempts and gives up after 5', () => {
    const one = [attempt(1, 11)];
    expect(decide(input({ now: at(12), jobs: [failedLink], attempts: one }))).toEqual({
      kind: 'wait',
      until: at(16),
      reason: 'backoff',
    });
    expect(decide(input({ now: at(16), jobs: [failedLink], attempts: one }))).toMatchObject({
      kind: 'act',
      step: 'redeliver',
    });
    const five = [1, 2, 3, 4, 5].map((n) => attempt(n, n * 60));
    expect(decide(input({ now: at(1_000), jobs: [failedLink], attempts: five }))).toEqual({
      kind: 'exhausted',
    });
  });

  it('lets an admin act at once, past the budget and the back-off', () => {
    const five = [1, 2, 3, 4, 5].map((n) => attempt(n, 10 + n));
    expect(
      decide(input({ trigger: 'manual', now: at(16), jobs: [failedLink], attempts: five })),
    ).toMatchObject({ kind: 'act', step: 'redeliver' });
    expect(decide(input({ trigger: 'bulk', now: at(0) }))).toMatchObject({
      kind: 'act',
      step: 'deliver',
    });
  });
});
