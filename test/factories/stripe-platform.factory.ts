import { StripeFakeServer, type StripeFakeStartOptions } from '@app/stripe-fake';
import { TelegramFakeServer } from '@app/telegram-fake';
import type { ModuleMetadata } from '@nestjs/common';
import type { Clock } from '../../src/common/clock/clock';
import { platformStripe, type PlatformStripe } from '../support/stripe-payments';
import { createTelegramTestApp, type TelegramTestApp } from '../support/telegram-fake';
import { AdminSession, loginAsAdmin, startAdminApp } from './admin.factory';

/** The app wired to a fake Telegram and a fake Stripe (the platform's account), as in production. */
export interface StripePlatform {
  tg: TelegramFakeServer;
  stripe: StripeFakeServer;
  platform: PlatformStripe;
  t: TelegramTestApp;
  /** Stops the app (dropping its database) and both fakes. */
  close: () => Promise<void>;
}

export interface StripePlatformOptions {
  clock?: Clock;
  /** The Stripe fake dates its objects and events by the app's clock too (subscriptions). */
  stripeOnAppClock?: boolean;
  extraImports?: ModuleMetadata['imports'];
  env?: Record<string, string>;
}

export async function startStripePlatform(
  options: StripePlatformOptions = {},
): Promise<StripePlatform> {
  const { stripe, platform } = await startStripe(options);
  const tg = await TelegramFakeServer.start();
  const t = await createTelegramTestApp({
    tg,
    mode: 'webhook',
    clock: options.clock,
    env: { ...platform.env, ...options.env },
    extraImports: options.extraImports,
  });
  const close = async (): Promise<void> => {
    await t.close();
    await stripe.stop();
    await tg.stop();
  };
  return { tg, stripe, platform, t, close };
}

export interface AdminStripePlatform extends StripePlatform {
  adminId: number;
  admin: AdminSession;
}

/** The same with one platform admin, logged in (admin statistics and recovery suites). */
export async function startAdminStripePlatform(
  options: StripePlatformOptions & { botUsername: string },
): Promise<AdminStripePlatform> {
  const { stripe, platform } = await startStripe(options);
  const app = await startAdminApp({
    botUsername: options.botUsername,
    clock: options.clock,
    env: { ...platform.env, ...options.env },
    extraImports: options.extraImports,
  });
  const admin = new AdminSession(app.t, await loginAsAdmin(app.t, app.adminId));
  const close = async (): Promise<void> => {
    await app.close();
    await stripe.stop();
  };
  return { tg: app.tg, t: app.t, adminId: app.adminId, stripe, platform, admin, close };
}

async function startStripe(
  options: StripePlatformOptions,
): Promise<{ stripe: StripeFakeServer; platform: PlatformStripe }> {
  const { clock } = options;
  const fakeOptions: StripeFakeStartOptions =
    options.stripeOnAppClock && clock ? { clock: () => clock.now() } : {};
  const stripe = await StripeFakeServer.start(fakeOptions);
  return { stripe, platform: platformStripe(stripe) };
}
