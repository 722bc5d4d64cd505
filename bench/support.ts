import { EmbeddedDb, startEmbeddedDb } from '@app/embedded-db';
import { TelegramFakeServer } from '@app/telegram-fake';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/bootstrap';
import type { AppConfig } from '../src/config/app-config';
import { loadConfig } from '../src/config/load-config';

/** What every bench gets: one database server and one fake Telegram for the whole run. */
export interface BenchContext {
  db: EmbeddedDb;
  tg: TelegramFakeServer;
}

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<Record<string, string | number>>;
}

export interface BenchApp {
  app: NestExpressApplication;
  config: AppConfig;
  botToken: string;
  webhookSecret: string;
  close(): Promise<void>;
}

export async function startBenchContext(): Promise<BenchContext> {
  const dataDir = mkdtempSync(join(tmpdir(), 'membergate-bench-db-'));
  const db = await startEmbeddedDb({ dataDir, log: () => undefined });
  const tg = await TelegramFakeServer.start();
  return { db, tg };
}

/** The production app in webhook mode against the fake, on its own database. */
export async function startBenchApp(
  ctx: BenchContext,
  env: Record<string, string> = {},
  telegram: { apiRoot: string; botToken: string } = {
    apiRoot: ctx.tg.url,
    botToken: ctx.tg.createBot({ username: `bench_${randomBytes(3).toString('hex')}_bot` }).token,
  },
): Promise<BenchApp> {
  const { botToken } = telegram;
  const webhookSecret = `bench-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const dbName = `bench_${randomBytes(4).toString('hex')}`;
  const { config } = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    MONGODB_URI: `${ctx.db.uri.replace(/\/$/, '')}/${dbName}`,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'membergate-bench-data-')),
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: `base64:${randomBytes(32).toString('base64')}`,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    CRON_ENABLED: 'false',
    THROTTLE_LIMIT: '1000000',
    TELEGRAM_BOT_TOKEN: botToken,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_MODE: 'webhook',
    TELEGRAM_WEBHOOK_SECRET: webhookSecret,
    ...env,
  });
  const app = await createApp({ config });
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    botToken,
    webhookSecret,
    close: async () => {
      const connection = app.get<import('mongoose').Connection>(
        (await import('@nestjs/mongoose')).getConnectionToken(),
      );
      await connection.dropDatabase().catch(() => undefined);
      await app.close();
    },
  };
}

/** Users who pressed START, so the bot may write to them. */
export function startedUsers(tg: TelegramFakeServer, botToken: string, count: number): number[] {
  const botId = tg.core.bot(botToken).id;
  return Array.from({ length: count }, () => {
    const user = tg.createUser();
    tg.core.chats.ensureDialog(botId, user.id).started = true;
    return user.id;
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no free port');
  }
  return address.port;
}
