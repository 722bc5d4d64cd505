import type { TelegramFakeServer } from '@app/telegram-fake';
import { sleep } from '@app/common';
import { randomBytes } from 'node:crypto';
import { GrantOutcome, GrantService } from '../../src/memberships/grant.service';
import type { GrantInput, GrantedChannel } from '../../src/memberships/membership.types';
import { OutboxService } from '../../src/outbox/outbox.service';
import type { TelegramTestApp } from '../support/telegram-fake';
import { connectChannel } from './channel.factory';
import { createPlan } from './plan.factory';
import { createSeller, TestSeller } from './seller.factory';

export const DAY_MINUTES = 24 * 60;

export interface SellerSetup {
  seller: TestSeller;
  channels: GrantedChannel[];
  plan: { id: string } & Record<string, unknown>;
}

/** A seller with `channelCount` connected fake chats and one plan over all of them. */
export async function sellerWithPlan(
  t: TelegramTestApp,
  options: { channelCount?: number; plan?: Record<string, unknown> } = {},
): Promise<SellerSetup> {
  const seller = await createSeller(t);
  const channels: GrantedChannel[] = [];
  for (let i = 0; i < (options.channelCount ?? 1); i += 1) {
    const c = await connectChannel(t, seller, t.tg, t.botToken);
    channels.push({ channelId: c.id, chatId: c.chatId, title: c.title });
  }
  const plan = await createPlan(
    t,
    seller,
    channels.map((c) => c.channelId),
    options.plan ?? {},
  );
  return { seller, channels, plan };
}

/** A Telegram user who pressed START in the bot (so the bot may write to them). */
export function startedUser(t: TelegramTestApp, name = 'Payer'): number {
  const user = t.tg.createUser({
    first_name: `${name} ${randomBytes(2).toString('hex')}`,
    username: `u_${randomBytes(4).toString('hex')}`,
  });
  t.tg.core.chats.ensureDialog(t.tg.core.bot(t.botToken).id, user.id).started = true;
  return user.id;
}

/** What a payment would ask of the grant path; override anything. */
export function paymentGrant(
  setup: SellerSetup,
  telegramUserId: number | undefined,
  overrides: Partial<GrantInput> = {},
): GrantInput {
  return {
    provider: 'stripe',
    providerPaymentId: `cs_test_${randomBytes(8).toString('hex')}`,
    kind: 'purchase',
    sellerId: setup.seller.id,
    planId: setup.plan.id,
    telegramUserId,
    channels: setup.channels,
    durationMinutes: 30 * DAY_MINUTES,
    accessMode: (setup.plan.accessMode as GrantInput['accessMode']) ?? 'invite_link',
    billing: (setup.plan.billing as GrantInput['billing']) ?? 'one_off',
    ...overrides,
  };
}

export function grant(t: TelegramTestApp, input: GrantInput): Promise<GrantOutcome> {
  return t.app.get(GrantService).grant(input);
}

/** Runs the outbox until nothing is due (the tests' stand-in for the dispatcher's schedule). */
export async function drainOutbox(t: TelegramTestApp, maxMs = 10_000): Promise<void> {
  const outbox = t.app.get(OutboxService);
  const deadline = Date.now() + maxMs;
  for (;;) {
    const report = await outbox.drainDue({ maxMs: 2_000 });
    const stats = await outbox.stats();
    if (report.claimed === 0 && stats.byStatus.sending === 0 && stats.oldestDueAgeMs === 0) {
      const due = await outbox.dispatchDue();
      if (due.claimed === 0) {
        return;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`outbox still busy after ${maxMs} ms: ${JSON.stringify(stats.byStatus)}`);
    }
  }
}

/** Polls `probe` until it gives a truthy value (for effects of updates the app handles async). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(25);
  }
}

/** The URL buttons of the last message the bot sent the user. */
export function linkButtons(tg: TelegramFakeServer, userId: number): string[] {
  const message = tg.messagesTo(userId).at(-1);
  return (message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .flatMap((b) => (b.url ? [b.url] : []));
}

/**
 * Awaits `work` while running the outbox, as the dispatcher would in production (the tests'
 * CRON_ENABLED=false turns it off): for requests that wait for their own outbox jobs.
 */
export async function whileDraining<T>(t: TelegramTestApp, work: PromiseLike<T>): Promise<T> {
  const outbox = t.app.get(OutboxService);
  let settled = false;
  const tracked = Promise.resolve(work).finally(() => {
    settled = true;
  });
  while (!settled) {
    const report = await outbox.drainDue({ maxMs: 100 });
    if (report.claimed === 0) {
      await sleep(20);
    }
  }
  return tracked;
}
