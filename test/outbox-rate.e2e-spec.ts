import { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../src/outbox/outbox.service';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';
import { startedUsers } from './support/telegram-outbox';

/**
 * Telegram's limits scaled up tenfold on both sides (the fake enforces them, our config keeps to
 * them): 300 messages/s per bot and 10/s per private chat instead of 30 and 1, so the limits are
 * never what makes the test slow. On FerretDB the database is (one job write costs ~15 ms there),
 * so 1,000 messages take about 30-40 s on the embedded engine and a few seconds on MongoDB.
 */
const SCALE = { globalPerSecond: 300, privateChatPerSecond: 10, groupChatPerMinute: 200 };

describe('Outbox under Telegram flood limits', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      env: {
        TELEGRAM_RATE_GLOBAL_PER_SECOND: String(SCALE.globalPerSecond),
        TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: String(SCALE.privateChatPerSecond),
        TELEGRAM_RATE_GROUP_CHAT_PER_MINUTE: String(SCALE.groupChatPerMinute),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('delivers 1,000 messages to 50 chats without a single 429', async () => {
    tg.enableRateLimits({
      perBot: { limit: SCALE.globalPerSecond, windowMs: 1_000 },
      perPrivateChat: { limit: SCALE.privateChatPerSecond, windowMs: 1_000 },
      perGroupChat: { limit: SCALE.groupChatPerMinute, windowMs: 60_000 },
    });
    const users = startedUsers(tg, t.botToken, 50);
    const outbox = t.app.get(OutboxService);
    await outbox.enqueueMany(
      Array.from({ length: 1_000 }, (_, i) => ({
        kind: 'sendMessage' as const,
        payload: { chatId: users[i % 50], text: `message ${i}` },
        idempotencyKey: `flood:${i}`,
      })),
    );

    const deadline = Date.now() + 150_000;
    while ((await outbox.stats()).backlog > 0 && Date.now() < deadline) {
      await outbox.drainDue({ maxMs: 5_000 });
    }

    const calls = tg.calls('sendMessage');
    expect(calls.filter((c) => c.error_code === 429)).toEqual([]);
    expect(calls.filter((c) => c.ok)).toHaveLength(1_000);
    expect((await outbox.stats()).byStatus).toMatchObject({ done: 1_000, pending: 0 });
    for (const user of users) {
      expect(tg.messagesTo(user)).toHaveLength(20);
    }
  }, 180_000);
});

describe('Outbox kick after enqueue', () => {
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      // The scheduled tick is an hour away: only the kick can send within the test.
      env: { CRON_ENABLED: 'true', OUTBOX_DISPATCH_INTERVAL_MS: '3600000' },
    });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('sends an enqueued message at once, without waiting for the scheduled dispatch', async () => {
    const [user] = startedUsers(tg, t.botToken, 1);
    await t.app.get(OutboxService).enqueue({
      kind: 'sendMessage',
      payload: { chatId: user, text: 'kicked' },
      idempotencyKey: `kick:${user}`,
    });
    await tg.waitForMessage({ chatId: user, text: 'kicked' }, { timeoutMs: 3_000 });
  });
});
