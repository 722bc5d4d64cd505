import { TelegramFakeServer } from '@app/telegram-fake';
import type { Response, Test } from 'supertest';
import { OutboxService } from '../../src/outbox/outbox.service';
import {
  createTelegramTestApp,
  type TelegramTestApp,
  type TelegramTestAppOptions,
} from '../support/telegram-fake';
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

export interface AdminTestApp {
  tg: TelegramFakeServer;
  t: TelegramTestApp;
  /** The first Telegram id in ADMIN_TELEGRAM_IDS. */
  adminId: number;
  /** All of ADMIN_TELEGRAM_IDS (`admins` of them). */
  adminIds: number[];
  /** Stops the app and the fake Telegram (dropping the database unless `dbName` was given). */
  close: () => Promise<void>;
}

/** A fake Telegram and the app with `admins` platform admins (1 unless told), who may write to the bot. */
export async function startAdminApp(
  options: Omit<TelegramTestAppOptions, 'tg' | 'mode' | 'botToken'> & {
    botUsername: string;
    admins?: number;
  },
): Promise<AdminTestApp> {
  const { botUsername, admins = 1, ...appOptions } = options;
  const tg = await TelegramFakeServer.start();
  const botToken = tg.createBot({ username: botUsername }).token;
  const adminIds = adminUsers(tg, botToken, admins);
  const t = await createTelegramTestApp({
    ...appOptions,
    tg,
    mode: 'webhook',
    botToken,
    env: {
      ADMIN_TELEGRAM_IDS: adminIds.join(','),
      // Login codes go out at once, not one per second per chat.
      TELEGRAM_RATE_PRIVATE_CHAT_PER_SECOND: '30',
      ...appOptions.env,
    },
  });
  const close = async (): Promise<void> => {
    await t.close();
    await tg.stop();
  };
  return { tg, t, adminId: adminIds[0], adminIds, close };
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

/**
 * A logged-in admin whose every use starts with a refresh: suites that move the clock outlive the
 * 15-minute access token.
 */
export class AdminSession {
  constructor(
    private readonly t: TelegramTestApp,
    private admin: TestAdmin,
  ) {}

  get telegramId(): number {
    return this.admin.telegramId;
  }

  /** Request builders carrying a fresh access token. */
  async api(): Promise<{ get: (path: string) => Test; post: (path: string) => Test }> {
    this.admin = await refreshAdmin(this.t, this.admin);
    const admin = this.admin;
    return {
      get: (path) => asAdmin(this.t.http().get(path), admin),
      post: (path) => asAdmin(this.t.http().post(path), admin),
    };
  }

  /** The body of a call that must answer 200. */
  async call(method: 'get' | 'post', path: string): Promise<Response['body']> {
    const api = await this.api();
    return (await api[method](path).expect(200)).body;
  }
}
