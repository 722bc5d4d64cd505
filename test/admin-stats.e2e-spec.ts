import type { StripeFakeServer } from '@app/stripe-fake';
import type { Message, TelegramFakeServer } from '@app/telegram-fake';
import { Types } from 'mongoose';
import { OutboxService } from '../src/outbox/outbox.service';
import { utcDay } from '../src/payments/payment.types';
import type { AdminSession } from './factories/admin.factory';
import { payByCard, settleOutbox } from './factories/admin-recovery.factory';
import { createShop, createShopPlan } from './factories/payment-shop.factory';
import {
  startAdminStripePlatform,
  type AdminStripePlatform,
} from './factories/stripe-platform.factory';
import type { PlatformStripe } from './support/stripe-payments';
import type { TelegramTestApp } from './support/telegram-fake';
import { MovableClock, startedUsers } from './support/telegram-outbox';

const DAY_MS = 24 * 3_600_000;
const daysAgo = (n: number): string => utcDay(new Date(Date.now() - n * DAY_MS));

/** The admin statistics against data seeded with known numbers, on a database of its own. */
describe('Admin platform statistics', () => {
  let tg: TelegramFakeServer;
  let stripe: StripeFakeServer;
  let platform: PlatformStripe;
  let t: TelegramTestApp;
  let admin: AdminSession;
  let env: AdminStripePlatform;
  const clock = new MovableClock();

  beforeAll(async () => {
    env = await startAdminStripePlatform({ botUsername: 'mg_stats_bot', clock });
    ({ tg, stripe, platform, t, admin } = env);
  });
  afterAll(() => env.close());

  const stats = () => admin.call('get', '/api/admin/stats');
  const handled = (message: Message) =>
    tg.waitFor(() =>
      tg
        .webhookDeliveries({ bot: t.botToken })
        .find(
          (d) =>
            d.update.message?.message_id === message.message_id &&
            d.update.message.chat.id === message.chat.id &&
            d.status !== null,
        ),
    );

  it('starts from nothing', async () => {
    expect(await stats()).toMatchObject({
      users: { total: 0, blockedBot: 0, banned: 0 },
      sellers: 0,
      channels: 0,
      activeMembers: 0,
      payments: {
        today: { count: 0, byCurrency: [], toDay: utcDay(new Date()) },
        last7Days: { count: 0, fromDay: daysAgo(6) },
        last30Days: { count: 0, fromDay: daysAgo(29) },
      },
      outbox: { backlog: 0 },
    });
  });

  it('counts users, sellers, channels, members and payments per currency and window exactly', async () => {
    const usd = await createShop(t, { channels: 2 });
    const eur = await createShop(t, { channels: 1 });
    const usdPlan = await createShopPlan(t, usd, { priceMinor: 1999, currency: 'USD' });
    const eurPlan = await createShopPlan(t, eur, { priceMinor: 500, currency: 'EUR' });
    const buyers = startedUsers(tg, t.botToken, 5);
    const paid: string[] = [];
    for (const [i, telegramUserId] of buyers.entries()) {
      const planId = i === 3 ? eurPlan.id : usdPlan.id;
      paid.push(await payByCard({ t, stripe, platform, planId, telegramUserId }));
    }
    // A checkout never paid counts nowhere.
    await t
      .http()
      .post('/api/checkout')
      .send({ planId: usdPlan.id, email: 'x@example.com', name: 'X' })
      .expect(201);
    await settleOutbox(t, clock);
    // Paid on other days (the stored UTC day is what the statistics group by).
    const setDay = (paymentId: string, day: string) =>
      t.connection
        .collection('payments')
        .updateOne({ _id: new Types.ObjectId(paymentId) }, { $set: { day } });
    await setDay(paid[1], daysAgo(3));
    await setDay(paid[2], daysAgo(20));
    await setDay(paid[4], daysAgo(40));

    // Three people write to the bot; one blocks it, one is banned.
    const people = [1, 2, 3].map(() => tg.createUser());
    for (const person of people) {
      await handled(tg.startBot(person.id, { bot: t.botToken }));
    }
    tg.blockBot(people[0].id, { bot: t.botToken });
    await tg.waitFor(() =>
      tg.webhookDeliveries({ bot: t.botToken }).every((d) => d.status !== null),
    );
    await (
      await admin.api()
    )
      .post(`/api/admin/users/${people[1].id}/ban`)
      .send({ reason: 'test' })
      .expect(200);
    // One message more that cannot go out yet (the delayed delivery checks wait too).
    const outbox = t.app.get(OutboxService);
    const backlogBefore = (await outbox.stats()).backlog;
    await outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: tg.createUser().id, text: 'waiting' },
      idempotencyKey: `stats-backlog-${Date.now()}`,
    });

    const body = await stats();
    expect(body).toMatchObject({
      users: { total: 3, blockedBot: 1, banned: 1 },
      sellers: 2,
      channels: 3,
      activeMembers: 5,
      payments: {
        today: {
          count: 2,
          byCurrency: [
            { currency: 'EUR', count: 1, amountMinor: 500 },
            { currency: 'USD', count: 1, amountMinor: 1999 },
          ],
        },
        last7Days: {
          count: 3,
          byCurrency: [
            { currency: 'EUR', count: 1, amountMinor: 500 },
            { currency: 'USD', count: 2, amountMinor: 3998 },
          ],
        },
        last30Days: {
          count: 4,
          byCurrency: [
            { currency: 'EUR', count: 1, amountMinor: 500 },
            { currency: 'USD', count: 3, amountMinor: 5997 },
          ],
        },
      },
      outbox: { backlog: backlogBefore + 1 },
    });
  });
});
