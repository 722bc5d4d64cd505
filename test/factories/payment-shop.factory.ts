import { randomBytes } from 'node:crypto';
import type { TelegramTestApp } from '../support/telegram-fake';
import { connectChannel } from './channel.factory';
import { createApiKey, createSeller, type TestSeller } from './seller.factory';

export interface TestChannel {
  id: string;
  chatId: number;
  title: string;
}

export interface TestPlan {
  id: string;
  name: string;
  priceMinor: number;
  currency: string;
  durationDays: number | null;
  billing: 'one_off' | 'recurring';
  [key: string]: unknown;
}

export interface TestShop {
  seller: TestSeller;
  /** Read-write API key: unlike access tokens it does not expire when a test moves the clock. */
  apiKey: string;
  channels: TestChannel[];
}

/** A seller with `channels` connected channels (the bot an admin of each). */
export async function createShop(
  t: TelegramTestApp,
  options: { channels?: number } = {},
): Promise<TestShop> {
  const seller = await createSeller(t);
  const channels: TestChannel[] = [];
  for (let i = 0; i < (options.channels ?? 2); i += 1) {
    channels.push(await connectChannel(t, seller, t.tg, t.botToken));
  }
  const { key: apiKey } = await createApiKey(t, seller);
  return { seller, apiKey, channels };
}

/** A plan over all the shop's channels: one-off 19.99 USD for 30 days unless overridden. */
export async function createShopPlan(
  t: TelegramTestApp,
  shop: TestShop,
  overrides: Record<string, unknown> = {},
): Promise<TestPlan> {
  const res = await t
    .http()
    .post('/api/sellers/plans')
    .set('X-API-Key', shop.apiKey)
    .send({
      name: `Plan ${randomBytes(3).toString('hex')}`,
      priceMinor: 1999,
      currency: 'USD',
      durationDays: 30,
      channelIds: shop.channels.map((c) => c.id),
      ...overrides,
    });
  if (res.status !== 201) {
    throw new Error(`plan creation answered ${res.status}: ${res.text}`);
  }
  return res.body as TestPlan;
}

/** A buyer's checkout body; a unique e-mail per call. */
export function checkoutBody(planId: string, overrides: Record<string, unknown> = {}) {
  return {
    planId,
    email: `buyer-${randomBytes(4).toString('hex')}@example.com`,
    name: 'Ann Buyer',
    ...overrides,
  };
}
