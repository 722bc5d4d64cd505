import type { OutboxJob } from '../outbox/outbox.types';
import { deliveryIdOf, deriveDeliveryState } from './delivery-status';
import type { RecoveryAttemptRecord } from './recovery-attempt.repository';

const at = (minute: number): Date => new Date(Date.UTC(2026, 0, 1, 10, minute));

function job(overrides: Partial<OutboxJob> & Pick<OutboxJob, 'kind' | 'payload'>): OutboxJob {
  return {
    id: Math.random().toString(16).slice(2),
    idempotencyKey: Math.random().toString(16).slice(2),
    status: 'done',
    attempts: 1,
    failures: 0,
    throttled: 0,
    maxAttempts: 8,
    nextAttemptAt: at(0),
    chatKey: 'tg:bot',
    rateClass: 'telegram-call',
    correlation: { paymentId: 'p1' },
    createdAt: at(0),
    updatedAt: at(1),
    ...overrides,
  };
}

const link = (deliveryId: string, chatId: number, overrides: Partial<OutboxJob> = {}) =>
  job({
    kind: 'access.link',
    payload: { linkId: `${deliveryId}:${chatId}` },
    ...overrides,
  });
const message = (deliveryId: string, overrides: Partial<OutboxJob> = {}) =>
  job({
    kind: 'access.message',
    payload: { recipientKey: 'tgp:x', content: { type: 'delivery', deliveryId } } as never,
    ...overrides,
  });
const attempt = (n: number, action: RecoveryAttemptRecord['action']): RecoveryAttemptRecord => ({
  id: `p1:${n}`,
  paymentId: 'p1',
  n,
  trigger: 'scheduled',
  action,
  at: at(20),
});

describe('deriveDeliveryState', () => {
  it('is pending with nothing delivered while no job exists', () => {
    expect(deriveDeliveryState([])).toMatchObject({
      linkDelivered: false,
      deliveryStatus: 'pending',
      deliveryAttempts: 0,
      lastDeliveryAttempt: null,
      failureReason: null,
      deliveries: 0,
      recoveryCompleted: false,
    });
  });

  it('is a success once the message with the links is sent', () => {
    const state = deriveDeliveryState([
      link('grant:g1', -1001),
      link('grant:g1', -1002),
      message('grant:g1', { updatedAt: at(3) }),
    ]);
    expect(state).toMatchObject({
      linkDelivered: true,
      deliveryStatus: 'success',
      deliveryAttempts: 1,
      lastDeliveryAttempt: at(3),
      failureReason: null,
      deliveries: 1,
      inFlight: false,
    });
  });

  it('counts the retries of the most-tried job and keeps the last error while in flight', () => {
    const state = deriveDeliveryState([
      link('grant:g1', -1001, {
        status: 'pending',
        attempts: 3,
        failures: 3,
        lastError: 'TELEGRAM_UNAVAILABLE: 502: Bad Gateway',
      }),
    ]);
    expect(state).toMatchObject({
      deliveryStatus: 'pending',
      deliveryAttempts: 3,
      inFlight: true,
      failureReason: 'TELEGRAM_UNAVAILABLE: 502: Bad Gateway',
    });
  });

  it('is failed when a job of the latest delivery failed or died, with its error', () => {
    const state = deriveDeliveryState([
      link('grant:g1', -1001, {
        status: 'failed',
        lastError: 'NOT_ENOUGH_RIGHTS: 400: Bad Request: not enough rights',
      }),
      message('grant:g1'),
    ]);
    expect(state).toMatchObject({
      linkDelivered: true,
      deliveryStatus: 'failed',
      failureReason: 'NOT_ENOUGH_RIGHTS: 400: Bad Request: not enough rights',
    });
    expect(deriveDeliveryState([message('grant:g1', { status: 'dead' })]).deliveryStatus).toBe(
      'failed',
    );
  });

  it('is a success after a re-delivery succeeds, counting both deliveries and the recovery', () => {
    const state = deriveDeliveryState(
      [
        link('grant:g1', -1001, { status: 'dead', attempts: 8, createdAt: at(0) }),
        link('recovery:p1:1', -1001, { createdAt: at(15), attempts: 2 }),
        message('recovery:p1:1', { createdAt: at(16), updatedAt: at(17) }),
      ],
      [attempt(1, 'redelivered')],
    );
    expect(state).toMatchObject({
      deliveryStatus: 'success',
      deliveries: 2,
      deliveryAttempts: 10,
      recoveryAttempts: 1,
      recoveryCompleted: true,
      failureReason: null,
    });
  });

  it('counts a payer found in every chat by recovery as served', () => {
    const state = deriveDeliveryState(
      [link('grant:g1', -1001, { status: 'sending' })],
      [attempt(1, 'already_member')],
    );
    expect(state).toMatchObject({ deliveryStatus: 'success', recoveryCompleted: true });
  });

  it('ignores jobs that deliver no links', () => {
    const reminder = job({
      kind: 'access.message',
      payload: { recipientKey: 'x', content: { type: 'reminder', membershipId: 'm' } } as never,
      status: 'dead',
    });
    expect(deliveryIdOf(reminder)).toBeUndefined();
    expect(deriveDeliveryState([reminder]).deliveries).toBe(0);
    expect(deliveryIdOf(link('grant:stripe:cs_1', -100))).toBe('grant:stripe:cs_1');
  });
});
