import { TelegramFakeServer } from '@app/telegram-fake';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createTestApp, TestApp, TestAppOptions } from './test-app';

export type TelegramTestMode = 'webhook' | 'polling' | 'off';

export interface TelegramTestApp extends TestApp {
  tg: TelegramFakeServer;
  botToken: string;
  webhookSecret: string;
}

export interface TelegramTestAppOptions extends Omit<TestAppOptions, 'listen'> {
  tg: TelegramFakeServer;
  mode: TelegramTestMode;
  /** Reuse a bot (a second app instance of the same deployment); default a new bot. */
  botToken?: string;
}

/** A free TCP port, so PUBLIC_URL is known before the app boots and sets its webhook. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

/**
 * An application wired to the fake Bot API the way production is wired to Telegram: the real
 * telegraf client with TELEGRAM_API_ROOT pointing at the fake. In webhook mode the app listens
 * on a real port (the fake calls it) that PUBLIC_URL names.
 */
export async function createTelegramTestApp(
  options: TelegramTestAppOptions,
): Promise<TelegramTestApp> {
  const { tg, mode } = options;
  const botToken =
    options.botToken ??
    tg.createBot({ username: `mg_${randomBytes(3).toString('hex')}_bot` }).token;
  const webhookSecret = `whsec-${randomBytes(12).toString('hex')}`;
  const port = mode === 'webhook' ? await freePort() : undefined;
  const env: Record<string, string> = {
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_MODE: mode,
    ...(mode === 'off' ? {} : { TELEGRAM_BOT_TOKEN: botToken }),
    ...(mode === 'webhook'
      ? { TELEGRAM_WEBHOOK_SECRET: webhookSecret, PUBLIC_URL: `http://127.0.0.1:${port}` }
      : {}),
    ...options.env,
  };
  const t = await createTestApp({ ...options, env, listen: false });
  if (port !== undefined) {
    await t.app.listen(port, '127.0.0.1');
  }
  return { ...t, tg, botToken, webhookSecret };
}
