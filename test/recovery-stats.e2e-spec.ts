import type { StripeFakeServer } from '@app/stripe-fake';
import type { TelegramFakeServer } from '@app/telegram-fake';
import { payByCard, ResettableClock, settleOutbox } from './factories/admin-recovery.factory';
import { createShop, createShopPlan } from './factories/payment-shop.factory';
import {
  startAdminStripePlatform,
  type AdminStripePlatform,
} from './factories/stripe-platform.factory';
import type { PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

/** Recovery statistics against known outcomes, on a database of their own. */
describe('Admin recovery statistics', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let env: AdminStripePlatform;
  const clock = new ResettableClock();

  beforeAll(async () => {
    env = await startAdminStripePlatform({ botUsername: 'mg_recovery_stats_bot', clock });
    ({ tg, stripe, platform, t } = env);
  });
  afterAll(() => env.close());

  const call = (method: 'get' | 'post', path: string) => env.admin.call(method, path);

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
