import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import { GrantRepository } from '../src/memberships/grant.repository';
import { OutboxService } from '../src/outbox/outbox.service';
import { adminUsers, asAdmin, loginAsAdmin, type TestAdmin } from './factories/admin.factory';
import {
  payByCard,
  ResettableClock,
  runRecoveryPass,
  settleOutbox,
} from './factories/admin-recovery.factory';
import { linkButtons } from './factories/membership.factory';
import { createShop, createShopPlan, type TestShop } from './factories/payment-shop.factory';
import { MINUTE } from './support/fake-clock';
import { platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

/**
 * The seed document's failure scenarios on the real database, the fake Telegram and Stripe's
 * signed events: the app down between payment and delivery, Telegram failing then recovering,
 * and a delivery whose "done" was never written.
 */
describe('Delivery recovery', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let botToken: string;
  let adminId: number;
  let t: TelegramTestApp;
  let admin: TestAdmin;
  let shop: TestShop;
  let planId: string;
  const clock = new ResettableClock();

  const boot = (dbName?: string) =>
    createTelegramTestApp({
      tg,
      mode: 'webhook',
      botToken,
      clock,
      ...(dbName ? { dbName } : {}),
      env: {
        ...platform.env,
        ADMIN_TELEGRAM_IDS: String(adminId),
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      },
    });

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    platform = platformStripe(stripe);
    botToken = tg.createBot({ username: 'mg_recovery_bot' }).token;
    [adminId] = adminUsers(tg, botToken, 1);
    t = await boot();
    admin = await loginAsAdmin(t, adminId);
    shop = await createShop(t, { channels: 2 });
    planId = (await createShopPlan(t, shop)).id;
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  const okLinkCalls = (chatId: number) =>
    tg.calls('createChatInviteLink').filter((c) => c.ok && Number(c.params.chat_id) === chatId)
      .length;
  const messagesTo = (userId: number) => tg.messagesTo(userId, { bot: botToken });
  /** A live admin token (the tests move the clock past its 15 minutes). */
  const renewAdmin = async (): Promise<void> => {
    const res = await t
      .http()
      .post('/api/admin/refresh')
      .send({ refreshToken: admin.refreshToken })
      .expect(200);
    admin = { ...admin, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
  };
  const deliveryOf = async (paymentId: string) => {
    await renewAdmin();
    return (
      await asAdmin(t.http().get(`/api/admin/recovery/payments/${paymentId}`), admin).expect(200)
    ).body;
  };
  const buyer = () => startedUsers(tg, botToken, 1)[0];
  const pay = (telegramUserId: number) =>
    payByCard({ t, stripe, platform, planId, telegramUserId });

  it('delivers exactly once when the app stopped after the payment and before any delivery', async () => {
    const userId = buyer();
    const paymentId = await pay(userId);
    // The webhook was answered and the jobs queued; the instance stops before dispatching.
    const { dbName } = t;
    await t.app.close();
    t = await boot(dbName);

    clock.advance(11 * MINUTE);
    const report = await runRecoveryPass(t);
    // The jobs are durable and due: recovery leaves them to the outbox (no second delivery).
    expect(report.outcomes.in_progress).toBe(1);
    await settleOutbox(t, clock);
    await runRecoveryPass(t);

    for (const channel of shop.channels) {
      expect(okLinkCalls(channel.chatId)).toBe(1);
    }
    expect(messagesTo(userId)).toHaveLength(1);
    expect(linkButtons(tg, userId)).toHaveLength(2);
    expect(await deliveryOf(paymentId)).toMatchObject({
      linkDelivered: true,
      deliveryStatus: 'success',
      deliveryAttempts: 1,
      failureReason: null,
    });
  });

  it('applies a grant recorded just before a crash, and delivers it exactly once', async () => {
    const userId = buyer();
    const res = await t
      .http()
      .post('/api/checkout')
      .send({ planId, email: `crash-${userId}@example.com`, name: 'Crash', telegramUserId: userId })
      .expect(201);
    const paymentId = res.body.paymentId as string;
    // What the payment webhook had decided when the process died: the grant, nothing after it.
    const grant = (
      await t.app.get(GrantRepository, { strict: false }).insertOnce(
        {
          provider: 'stripe',
          providerPaymentId: `cs_crash_${userId}`,
          kind: 'purchase',
          sellerId: shop.seller.id,
          planId,
          paymentId,
          telegramUserId: userId,
          channels: shop.channels.map((c) => ({
            channelId: c.id,
            chatId: c.chatId,
            title: c.title,
          })),
          durationMinutes: 30 * 24 * 60,
          accessMode: 'invite_link',
          billing: 'one_off',
        },
        clock.now(),
      )
    ).grant;
    expect(grant.appliedAt).toBeUndefined();

    clock.advance(3 * MINUTE);
    const report = await runRecoveryPass(t);
    expect(report.actions.reapplied).toBe(1);
    await settleOutbox(t, clock);
    for (const channel of shop.channels) {
      expect(
        tg
          .calls('createChatInviteLink')
          .filter(
            (c) =>
              c.ok &&
              Number(c.params.chat_id) === channel.chatId &&
              String(c.params.name).includes(grant.id.slice(0, 12)),
          ),
      ).toHaveLength(1);
    }
    expect(messagesTo(userId)).toHaveLength(1);
    expect(linkButtons(tg, userId)).toHaveLength(2);
    const membership = await t.connection
      .collection('memberships')
      .findOne({ planId, telegramUserId: userId });
    expect(membership?.status).toBe('active');
    // A second pass finds the grant applied and does nothing more.
    await runRecoveryPass(t);
    await settleOutbox(t, clock);
    expect(messagesTo(userId)).toHaveLength(1);
  });

  it('succeeds on retry when Telegram answers 5xx for a while, and the status shows the attempts', async () => {
    const userId = buyer();
    const [first] = shop.channels;
    const fault = tg.injectFault({
      method: 'createChatInviteLink',
      chatId: first.chatId,
      times: 2,
      error: { code: 502 },
    });
    const paymentId = await pay(userId);
    await t.app.get(OutboxService).drainDue();
    expect(await deliveryOf(paymentId)).toMatchObject({
      deliveryStatus: 'pending',
      linkDelivered: false,
      failureReason: expect.stringContaining('502'),
    });

    await settleOutbox(t, clock);
    tg.clearFault(fault);
    const status = await deliveryOf(paymentId);
    expect(status).toMatchObject({
      deliveryStatus: 'success',
      linkDelivered: true,
      deliveryAttempts: 3,
      failureReason: null,
      recoveryAttempts: 0,
    });
    expect(new Date(status.lastDeliveryAttempt).getTime()).toBeLessThanOrEqual(
      clock.now().getTime(),
    );
    expect(okLinkCalls(first.chatId)).toBeGreaterThanOrEqual(1);
    expect(messagesTo(userId)).toHaveLength(1);
  });

  it('sends nothing again when the payer joined but the delivery\'s "done" was never written', async () => {
    const userId = buyer();
    const paymentId = await pay(userId);
    await settleOutbox(t, clock);
    for (const link of linkButtons(tg, userId)) {
      expect(tg.openInviteLink(userId, link)).toMatchObject({ ok: true, outcome: 'joined' });
    }
    const linksBefore = tg.calls('createChatInviteLink').length;
    // The sends happened; the writes that would have marked them done were lost (the process
    // died after Telegram answered). The outbox has not reclaimed them yet.
    await loseDoneWrites(paymentId);
    expect((await deliveryOf(paymentId)).deliveryStatus).toBe('pending');

    clock.advance(11 * MINUTE);
    await loseDoneWrites(paymentId);
    await renewAdmin();
    const result = await asAdmin(
      t.http().post(`/api/admin/recovery/recover/${paymentId}`),
      admin,
    ).expect(200);
    expect(result.body).toMatchObject({ outcome: 'already_member', action: 'already_member' });
    expect(tg.calls('createChatInviteLink')).toHaveLength(linksBefore);
    expect(messagesTo(userId)).toHaveLength(1);
    expect(await deliveryOf(paymentId)).toMatchObject({
      deliveryStatus: 'success',
      recoveryCompleted: true,
      attempts: [expect.objectContaining({ n: 1, trigger: 'manual', action: 'already_member' })],
    });
  });

  it('sends nothing again while the payer holds a sent link whose "done" was never written', async () => {
    const userId = buyer();
    const paymentId = await pay(userId);
    await settleOutbox(t, clock);
    expect(messagesTo(userId)).toHaveLength(1);
    const linksBefore = tg.calls('createChatInviteLink').length;
    clock.advance(11 * MINUTE);
    await loseDoneWrites(paymentId);

    const report = await runRecoveryPass(t);
    expect(report).toMatchObject({ outcomes: { in_progress: 1 } });
    expect(tg.calls('createChatInviteLink')).toHaveLength(linksBefore);
    expect(messagesTo(userId)).toHaveLength(1);
    expect((await deliveryOf(paymentId)).recoveryAttempts).toBe(0);
  });

  beforeEach(() => clock.reset());

  afterEach(async () => {
    // Give the outbox back the jobs a test took from it, as they really ended.
    for (const job of lostJobs.splice(0)) {
      await t.connection.collection('outbox_jobs').replaceOne({ _id: job._id as never }, job);
    }
  });

  const lostJobs: Array<Record<string, unknown>> = [];

  /** Puts the payment's finished delivery jobs back to "being sent", lock still held. */
  async function loseDoneWrites(paymentId: string): Promise<void> {
    const filter = {
      'correlation.paymentId': paymentId,
      kind: { $in: ['access.link', 'access.message'] },
    };
    if (
      !lostJobs.some((job) => (job.correlation as { paymentId?: string }).paymentId === paymentId)
    ) {
      lostJobs.push(...(await t.connection.collection('outbox_jobs').find(filter).toArray()));
    }
    await t.connection.collection('outbox_jobs').updateMany(filter, {
      $set: { status: 'sending', lockedUntil: new Date(clock.now().getTime() + 60 * MINUTE) },
      $unset: { result: 1, finishedAt: 1 },
    });
    // Nor was the news of it: the watch still waits for the delivery.
    await t.connection
      .collection('delivery_watches')
      .updateOne(
        { _id: paymentId as never },
        { $set: { status: 'pending', linkDelivered: false, nextCheckAt: new Date(0) } },
      );
  }
});
