import type { StripeFakeServer } from '@app/stripe-fake';
import type { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import {
  payByCard,
  ResettableClock,
  runRecoveryPass,
  settleOutbox,
} from './factories/admin-recovery.factory';
import { createShop, createShopPlan, type TestShop } from './factories/payment-shop.factory';
import { MINUTE } from './support/fake-clock';
import {
  startAdminStripePlatform,
  type AdminStripePlatform,
} from './factories/stripe-platform.factory';
import type { PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

const NO_RIGHTS = {
  code: 400,
  description: 'Bad Request: not enough rights to manage chat invite link',
};

/** Manual, bulk and process-all recovery, the failed-deliveries list and the statistics. */
describe('Admin recovery API', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let adminId: number;
  let env: AdminStripePlatform;
  let shop: TestShop;
  let planId: string;
  const clock = new ResettableClock();

  beforeAll(async () => {
    env = await startAdminStripePlatform({ botUsername: 'mg_recovery_api_bot', clock });
    ({ tg, stripe, platform, t, adminId } = env);
    shop = await createShop(t, { channels: 2 });
    planId = (await createShopPlan(t, shop)).id;
  });
  afterAll(() => env.close());
  beforeEach(() => {
    clock.reset();
    tg.clearFaults();
  });

  const api = () => env.admin.api();
  const buyer = () => startedUsers(tg, t.botToken, 1)[0];
  const pay = (telegramUserId: number, email?: string) =>
    payByCard({ t, stripe, platform, planId, telegramUserId, ...(email ? { email } : {}) });
  const first = () => shop.channels[0];
  /** A paid payment whose delivery failed for good in the first channel (the bot lacked rights). */
  const failedPayment = async (options: { email?: string; keepFault?: boolean } = {}) => {
    const userId = buyer();
    const fault = tg.injectFault({
      method: 'createChatInviteLink',
      chatId: first().chatId,
      error: NO_RIGHTS,
    });
    const paymentId = await pay(userId, options.email);
    await settleOutbox(t, clock);
    if (!options.keepFault) {
      tg.clearFault(fault);
    }
    return { userId, paymentId };
  };
  const statusOf = async (paymentId: string) =>
    (await (await api()).get(`/api/admin/recovery/payments/${paymentId}`).expect(200)).body;
  const adminTexts = () => tg.messagesTo(adminId, { bot: t.botToken }).map((m) => m.text ?? '');

  it("recovers one failed delivery by hand with fresh links, recorded as the admin's attempt", async () => {
    const { userId, paymentId } = await failedPayment();
    expect(await statusOf(paymentId)).toMatchObject({
      deliveryStatus: 'failed',
      linkDelivered: true,
      failureReason: expect.stringContaining('NOT_ENOUGH_RIGHTS'),
    });

    const res = await (await api()).post(`/api/admin/recovery/recover/${paymentId}`).expect(200);
    expect(res.body).toMatchObject({
      paymentId,
      outcome: 'recovered',
      action: 'redelivered',
      attempt: 1,
    });
    await settleOutbox(t, clock);

    const status = await statusOf(paymentId);
    expect(status).toMatchObject({
      deliveryStatus: 'success',
      recoveryCompleted: true,
      recoveryAttempts: 1,
      telegramUserId: userId,
      attempts: [
        expect.objectContaining({
          n: 1,
          trigger: 'manual',
          action: 'redelivered',
          by: `tg:${adminId}`,
        }),
      ],
    });
    const links = tg.messagesTo(userId).at(-1)?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(links.filter((b) => b.url)).toHaveLength(2);
    const again = await (await api()).post(`/api/admin/recovery/recover/${paymentId}`).expect(200);
    expect(again.body).toMatchObject({ outcome: 'already_delivered', deliveryStatus: 'success' });
  });

  it('makes a delivery job waiting out its back-off due at once', async () => {
    const userId = buyer();
    tg.injectFault({
      method: 'createChatInviteLink',
      chatId: first().chatId,
      times: 1,
      error: { code: 502 },
    });
    const paymentId = await pay(userId);
    await t.app.get(OutboxService).drainDue();
    const waiting = await t.connection.collection('outbox_jobs').findOne({
      'correlation.paymentId': paymentId,
      kind: 'access.link',
      status: 'pending',
    });
    expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(clock.now().getTime());

    const res = await (await api()).post(`/api/admin/recovery/recover/${paymentId}`).expect(200);
    expect(res.body).toMatchObject({ outcome: 'recovered', action: 'retried' });
    await t.app.get(OutboxService).drainDue();
    const status = await statusOf(paymentId);
    expect(status.deliveryStatus).toBe('success');
    expect(status.deliveryAttempts).toBeGreaterThanOrEqual(2);
  });

  it('answers a bulk recovery id by id', async () => {
    const failed = await failedPayment();
    const delivered = await pay(buyer());
    await settleOutbox(t, clock);
    const unknown = '0123456789abcdef01234567';
    const res = await (
      await api()
    )
      .post('/api/admin/recovery/bulk-recovery')
      .send({ paymentIds: [failed.paymentId, delivered, unknown, 'not-an-id'] })
      .expect(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({
        paymentId: failed.paymentId,
        outcome: 'recovered',
        action: 'redelivered',
      }),
      expect.objectContaining({ paymentId: delivered, outcome: 'already_delivered' }),
      { paymentId: unknown, outcome: 'not_found' },
      { paymentId: 'not-an-id', outcome: 'not_found' },
    ]);
    await settleOutbox(t, clock);
    expect((await statusOf(failed.paymentId)).deliveryStatus).toBe('success');

    const tooMany = await (
      await api()
    )
      .post('/api/admin/recovery/bulk-recovery')
      .send({ paymentIds: [] })
      .expect(400);
    expect(tooMany.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('processes every failed delivery at once and reports it to the admins', async () => {
    const a = await failedPayment();
    const b = await failedPayment();
    const res = await (await api()).post('/api/admin/recovery/process-failed').expect(200);
    expect(res.body.trigger).toBe('manual');
    expect(res.body.actions.redelivered).toBeGreaterThanOrEqual(2);
    expect(res.body.outcomes.failed).toBe(0);
    await settleOutbox(t, clock);
    for (const { paymentId } of [a, b]) {
      expect((await statusOf(paymentId)).deliveryStatus).toBe('success');
    }
    expect(adminTexts().filter((text) => text.includes('Delivery recovery (manual)'))).toHaveLength(
      1,
    );
    expect(adminTexts().find((text) => text.includes('Delivery recovery (manual)'))).not.toMatch(
      /URGENT/,
    );
  });

  it('lists failed deliveries with filters, search and pages', async () => {
    const email = `list-${Date.now()}@example.com`;
    const older = await failedPayment({ keepFault: true });
    const newer = await failedPayment({ email, keepFault: true });
    const list = async (query: Record<string, string>) =>
      (await (await api()).get('/api/admin/recovery/failed-deliveries').query(query).expect(200))
        .body;

    const failedOnly = await list({ status: 'failed', sellerId: shop.seller.id, limit: '100' });
    const ids = failedOnly.items.map((i: { paymentId: string }) => i.paymentId);
    expect(ids).toEqual(expect.arrayContaining([older.paymentId, newer.paymentId]));
    expect(ids.indexOf(newer.paymentId)).toBeLessThan(ids.indexOf(older.paymentId));
    expect(failedOnly.items[0]).toMatchObject({
      deliveryStatus: 'failed',
      sellerId: shop.seller.id,
      amountMinor: 1999,
      currency: 'USD',
    });

    expect((await list({ search: String(newer.userId) })).items).toEqual([
      expect.objectContaining({ paymentId: newer.paymentId, telegramUserId: newer.userId }),
    ]);
    expect((await list({ search: email })).items).toEqual([
      expect.objectContaining({ paymentId: newer.paymentId, email }),
    ]);
    expect((await list({ search: older.paymentId })).items).toEqual([
      expect.objectContaining({ paymentId: older.paymentId }),
    ]);
    const page = await list({ status: 'failed', limit: '1', offset: '1' });
    expect(page).toMatchObject({ limit: 1, offset: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(failedOnly.total);
    const future = await list({ from: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.total).toBe(0);
    expect((await list({ sellerId: '0123456789abcdef01234567' })).total).toBe(0);
    const bad = await (
      await api()
    )
      .get('/api/admin/recovery/failed-deliveries')
      .query({ status: 'lost' })
      .expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');

    // Fixed by hand, so they leave the list.
    tg.clearFaults();
    await (
      await api()
    )
      .post('/api/admin/recovery/bulk-recovery')
      .send({ paymentIds: [older.paymentId, newer.paymentId] })
      .expect(200);
    await settleOutbox(t, clock);
    expect((await list({ search: email })).total).toBe(0);
  });

  it('answers 404 for an unknown payment', async () => {
    const res = await (
      await api()
    )
      .post('/api/admin/recovery/recover/0123456789abcdef01234567')
      .expect(404);
    expect(res.body.error.code).toBe('PAYMENT_NOT_FOUND');
    await (await api()).get('/api/admin/recovery/payments/nope').expect(404);
  });

  it('tries 5 times with growing waits on its own, then alerts the admins urgently and stops', async () => {
    const { paymentId } = await failedPayment({ keepFault: true });
    for (let pass = 0; pass < 12; pass += 1) {
      await runRecoveryPass(t);
      await settleOutbox(t, clock, { horizonMs: 0 });
      const watch = await t.connection
        .collection('delivery_watches')
        .findOne({ _id: paymentId as never });
      if (watch?.exhausted) {
        break;
      }
      // On to the watch's next look (the back-off after the latest attempt); a payment not on
      // the worklist yet is put there 2 minutes after it was paid.
      const next = watch?.nextCheckAt?.getTime() ?? clock.now().getTime() + 2 * MINUTE;
      clock.advance(Math.max(MINUTE, next - clock.now().getTime()));
    }
    const status = await statusOf(paymentId);
    expect(status).toMatchObject({
      deliveryStatus: 'failed',
      recoveryAttempts: 5,
      recoveryExhausted: true,
      recoveryCompleted: false,
    });
    const gaps = status.attempts
      .slice(1)
      .map(
        (a: { at: string }, i: number) =>
          new Date(a.at).getTime() - new Date(status.attempts[i].at).getTime(),
      );
    expect(gaps).toEqual([...gaps].sort((x, y) => x - y));
    expect(gaps[0]).toBeGreaterThanOrEqual(5 * MINUTE);
    await t.app.get(OutboxService).drainDue();
    const urgent = adminTexts().filter((text) => text.includes(paymentId));
    expect(urgent).toHaveLength(1);
    expect(urgent[0]).toMatch(/^🚨 URGENT/);

    // Given up: further passes leave it alone, and do not alert again.
    clock.advance(120 * MINUTE);
    await runRecoveryPass(t);
    await t.app.get(OutboxService).drainDue();
    expect((await statusOf(paymentId)).recoveryAttempts).toBe(5);
    expect(adminTexts().filter((text) => text.includes(paymentId))).toHaveLength(1);
  });
});
