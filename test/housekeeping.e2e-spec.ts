import { randomBytes } from 'node:crypto';
import { AlertHousekeepingService } from '../src/alerts/alert-housekeeping.service';
import { AlertsService } from '../src/alerts/alerts.service';
import { RecoveryHousekeepingService } from '../src/recovery/recovery-housekeeping.service';
import {
  insertDeliveryWatch,
  insertRecoveryAttempt,
  uniquePaymentId,
} from './factories/recovery-records.factory';
import { DAY, FakeClock } from './support/fake-clock';
import { createTestApp, TestApp } from './support/test-app';

const RETENTION_DAYS = 10;

describe('Daily purge of recovery records and admin alerts', () => {
  let t: TestApp;
  const clock = new FakeClock('2026-06-01T12:00:00.000Z');
  const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY);

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      env: { HOUSEKEEPING_RETENTION_DAYS: String(RETENTION_DAYS) },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  const watchIds = async () =>
    (await t.connection.collection('delivery_watches').find({}).toArray()).map((d) => d._id);
  const attemptIds = async () =>
    (await t.connection.collection('recovery_attempts').find({}).toArray()).map((d) => d._id);
  const alertIds = async () =>
    (await t.connection.collection('admin_alerts').find({}).toArray()).map((d) => d._id);
  const purgeRecovery = () => t.app.get(RecoveryHousekeepingService).purge();
  const purgeAlerts = () => t.app.get(AlertHousekeepingService).purge();

  it('removes delivered watches past the retention with their attempts, and keeps the rest', async () => {
    const oldDelivered = await insertDeliveryWatch(t, { status: 'success', paidAt: daysAgo(40) });
    const recentDelivered = await insertDeliveryWatch(t, { status: 'success', paidAt: daysAgo(3) });
    const oldFailed = await insertDeliveryWatch(t, { status: 'failed', paidAt: daysAgo(40) });
    const oldPending = await insertDeliveryWatch(t, { status: 'pending', paidAt: daysAgo(40) });
    const attempts = {
      oldDelivered: await insertRecoveryAttempt(t, { paymentId: oldDelivered, at: daysAgo(39) }),
      oldDeliveredLater: await insertRecoveryAttempt(t, {
        paymentId: oldDelivered,
        n: 2,
        at: daysAgo(2),
      }),
      recentDelivered: await insertRecoveryAttempt(t, {
        paymentId: recentDelivered,
        at: daysAgo(3),
      }),
      oldFailed: await insertRecoveryAttempt(t, { paymentId: oldFailed, at: daysAgo(39) }),
      // A grant recovered without a payment is never watched.
      oldUnwatched: await insertRecoveryAttempt(t, {
        paymentId: `grant:${uniquePaymentId()}`,
        at: daysAgo(20),
      }),
      recentUnwatched: await insertRecoveryAttempt(t, {
        paymentId: `grant:${uniquePaymentId()}`,
        at: daysAgo(1),
      }),
    };

    expect(await purgeRecovery()).toEqual({ watches: 1, attempts: 3 });
    expect((await watchIds()).sort()).toEqual([recentDelivered, oldFailed, oldPending].sort());
    expect((await attemptIds()).sort()).toEqual(
      [attempts.recentDelivered, attempts.oldFailed, attempts.recentUnwatched].sort(),
    );
    // Nothing left to do: the purge is idempotent.
    expect(await purgeRecovery()).toEqual({ watches: 0, attempts: 0 });
  });

  it('keeps a delivered watch until it is past the configured retention', async () => {
    const paymentId = await insertDeliveryWatch(t, {
      status: 'success',
      paidAt: daysAgo(RETENTION_DAYS - 1),
    });
    await purgeRecovery();
    expect(await watchIds()).toContain(paymentId);
    clock.advance(2 * DAY);
    await purgeRecovery();
    expect(await watchIds()).not.toContain(paymentId);
  });

  it('removes old alerts but keeps those about access still not delivered', async () => {
    const alerts = t.app.get(AlertsService);
    const tag = randomBytes(4).toString('hex');
    const undelivered = await insertDeliveryWatch(t, { status: 'failed', paidAt: daysAgo(45) });
    const delivered = await insertDeliveryWatch(t, { status: 'success', paidAt: daysAgo(5) });
    const raiseAt = async (at: Date, alert: Parameters<AlertsService['raise']>[0]) => {
      const now = clock.now();
      clock.set(at);
      await alerts.raise(alert);
      clock.set(now);
      return `${alert.kind}:${alert.incident}`;
    };
    const oldDead = await raiseAt(daysAgo(30), {
      kind: 'outbox_job_dead',
      incident: `job-${tag}:8`,
      text: 'dead',
    });
    const recentDead = await raiseAt(daysAgo(2), {
      kind: 'outbox_job_dead',
      incident: `job-${tag}:9`,
      text: 'dead',
    });
    const openExhausted = await raiseAt(daysAgo(40), {
      kind: 'recovery_exhausted',
      incident: undelivered,
      text: 'still not delivered',
      urgent: true,
    });
    const resolvedExhausted = await raiseAt(daysAgo(40), {
      kind: 'recovery_exhausted',
      incident: delivered,
      text: 'delivered since',
      urgent: true,
    });

    expect(await purgeAlerts()).toEqual({ alerts: 2, keptOpen: 1 });
    const left = await alertIds();
    expect(left).toEqual(expect.arrayContaining([recentDead, openExhausted]));
    expect(left).not.toContain(oldDead);
    expect(left).not.toContain(resolvedExhausted);
  });

  it('has an index serving each purge query', async () => {
    const keys = async (collection: string) =>
      (await t.connection.collection(collection).listIndexes().toArray()).map((i) =>
        JSON.stringify(i.key),
      );
    expect(await keys('delivery_watches')).toContain(JSON.stringify({ status: 1, paidAt: -1 }));
    expect(await keys('recovery_attempts')).toEqual(
      expect.arrayContaining([JSON.stringify({ at: 1 }), JSON.stringify({ paymentId: 1 })]),
    );
    expect(await keys('admin_alerts')).toContain(JSON.stringify({ createdAt: -1 }));
  });
});
