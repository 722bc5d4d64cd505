import { StripeFakeServer } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import {
  adminUsers,
  asAdmin,
  loginAsAdmin,
  refreshAdmin,
  type TestAdmin,
} from './factories/admin.factory';
import { payByCard, ResettableClock, settleOutbox } from './factories/admin-recovery.factory';
import { createShop, createShopPlan } from './factories/payment-shop.factory';
import { platformStripe, type PlatformStripe } from './support/stripe-payments';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

/** Recovery statistics against known outcomes, on a database of their own. */
describe('Admin recovery statistics', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let admin: TestAdmin;
  const clock = new ResettableClock();

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    stripe = await StripeFakeServer.start();
    platform = platformStripe(stripe);
    const botToken = tg.createBot({ username: 'mg_recovery_stats_bot' }).token;
    const [adminId] = adminUsers(tg, botToken, 1);
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      botToken,
      clock,
      env: {
        ...platform.env,
        ADMIN_TELEGRAM_IDS: String(adminId),
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      },
    });
    admin = await loginAsAdmin(t, adminId);
  });
  afterAll(async () => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  });

  /** An admin call answered 200, with a fresh token (the suite moves the clock). */
  const call = async (method: 'get' | 'post', path: string) => {
    admin = await refreshAdmin(t, admin);
    return (await asAdmin(t.http()[method](path), admin).expect(200)).body;
  };

  it('counts delivered, failed and recovered payments and their rates exactly', async () => {
    expect(await call('get', '/api/admin/recovery/stats')).toEqual({
      totalSuccessful: 0,
      delivered: 0,
      failed: 0,
      pending: 0,
      recovered: 0,
      neededRecovery: 0,
      deliverySuccessRate: 1,
      recoverySuccessRate: 1,
    });
    const shop = await createShop(t, { channels: 1 });
    const planId = (await createShopPlan(t, shop)).id;
    const [chat] = shop.channels;
    const [ok, fixed, broken] = startedUsers(tg, t.botToken, 3);
    await payByCard({ t, stripe, platform, planId, telegramUserId: ok });
    await settleOutbox(t, clock);

    const noRights = {
      method: 'createChatInviteLink',
      chatId: chat.chatId,
      error: {
        code: 400,
        description: 'Bad Request: not enough rights to manage chat invite link',
      },
    };
    const fault = tg.injectFault(noRights);
    const fixedPayment = await payByCard({ t, stripe, platform, planId, telegramUserId: fixed });
    const brokenPayment = await payByCard({ t, stripe, platform, planId, telegramUserId: broken });
    await settleOutbox(t, clock);
    tg.clearFault(fault);
    // One is recovered by hand; the other fails again (the bot still lacks rights for it).
    await call('post', `/api/admin/recovery/recover/${fixedPayment}`);
    await settleOutbox(t, clock);
    tg.injectFault(noRights);
    await call('post', `/api/admin/recovery/recover/${brokenPayment}`);
    await settleOutbox(t, clock);

    expect(await call('get', '/api/admin/recovery/stats')).toEqual({
      totalSuccessful: 3,
      delivered: 2,
      failed: 1,
      pending: 0,
      recovered: 1,
      neededRecovery: 2,
      deliverySuccessRate: 0.6667,
      recoverySuccessRate: 0.5,
    });
  });
});
