import { TelegramFakeServer } from '@app/telegram-fake';
import { createTelegramTestApp, TelegramTestApp } from './support/telegram-fake';

/**
 * THROTTLE_LIMIT is the HTTP API's limit per client. Bot updates carry no client IP, so counting
 * them against it would put every Telegram user in one bucket.
 */
describe('the HTTP rate limit and the bot', () => {
  const LIMIT = 3;
  let tg: TelegramFakeServer;
  let t: TelegramTestApp;

  beforeAll(async () => {
    tg = await TelegramFakeServer.start();
    t = await createTelegramTestApp({
      tg,
      mode: 'webhook',
      env: { THROTTLE_LIMIT: String(LIMIT), THROTTLE_TTL_MS: '60000' },
    });
  });
  afterAll(async () => {
    await t.close();
    await tg.stop();
  });

  it('answers every user even when more updates arrive than the HTTP limit allows', async () => {
    const users = Array.from({ length: LIMIT * 3 }, () => tg.createUser());
    for (const user of users) {
      tg.sendCommand(user.id, 'help', { bot: t.botToken });
    }
    for (const user of users) {
      await tg.waitForMessage({ chatId: user.id, text: /^How it works/ });
    }
  });

  it('still limits HTTP clients', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i += 1) {
      const res = await t.http().get('/api/sellers/plans');
      statuses.push(res.status);
    }
    expect(statuses.slice(0, LIMIT)).not.toContain(429);
    expect(statuses.slice(LIMIT)).toEqual([429, 429]);
  });
});
