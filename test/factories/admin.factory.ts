import type { TelegramFakeServer } from '@app/telegram-fake';
import { OutboxService } from '../../src/outbox/outbox.service';
import type { TelegramTestApp } from '../support/telegram-fake';
import { randomIp } from './seller.factory';

export interface TestAdmin {
  telegramId: number;
  accessToken: string;
  refreshToken: string;
}

/**
 * Telegram users who may write to the bot (they pressed START, silently: no update). Admin ids
 * must exist before the app boots, since ADMIN_TELEGRAM_IDS is read then.
 */
export function adminUsers(tg: TelegramFakeServer, botToken: string, count: number): number[] {
  const botId = tg.core.bot(botToken).id;
  return Array.from({ length: count }, (_, i) => {
    const user = tg.createUser({ first_name: `Admin ${i + 1}` });
    tg.core.chats.ensureDialog(botId, user.id).started = true;
    return user.id;
  });
}

/** The code in the latest login-code message the bot sent to this chat (after draining). */
export async function latestLoginCode(t: TelegramTestApp, telegramId: number): Promise<string> {
  await t.app.get(OutboxService).drainDue();
  const messages = t.tg.messagesTo(telegramId, { bot: t.botToken });
  const texts = messages.map((m) => m.text ?? '').filter((text) => /login code: \d{6}/.test(text));
  const last = texts.at(-1);
  if (!last) {
    throw new Error(`No login code was sent to ${telegramId}`);
  }
  return /login code: (\d{6})/.exec(last)![1];
}

export async function requestLoginCode(
  t: TelegramTestApp,
  telegramId: number,
  ip = randomIp(),
): Promise<void> {
  await t
    .http()
    .post('/api/admin/request-login')
    .set('X-Forwarded-For', ip)
    .send({ telegramId })
    .expect(202);
}

/** Logs an admin in the way a person does: ask for a code, read it in Telegram, send it back. */
export async function loginAsAdmin(t: TelegramTestApp, telegramId: number): Promise<TestAdmin> {
  await requestLoginCode(t, telegramId);
  const code = await latestLoginCode(t, telegramId);
  const res = await t
    .http()
    .post('/api/admin/login')
    .set('X-Forwarded-For', randomIp())
    .send({ telegramId, code })
    .expect(200);
  return { telegramId, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}

export function asAdmin<T extends { set(name: string, value: string): T }>(
  request: T,
  admin: { accessToken: string },
): T {
  return request.set('Authorization', `Bearer ${admin.accessToken}`);
}

/** A fresh access token through the admin refresh route (for tests that move the clock). */
export async function refreshAdmin(t: TelegramTestApp, admin: TestAdmin): Promise<TestAdmin> {
  const res = await t
    .http()
    .post('/api/admin/refresh')
    .send({ refreshToken: admin.refreshToken })
    .expect(200);
  return { ...admin, accessToken: res.body.accessToken, refreshToken: res.body.refreshToken };
}
