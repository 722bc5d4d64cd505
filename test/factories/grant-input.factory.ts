import { Types } from 'mongoose';
import { GrantService } from '../../src/memberships/grant.service';
import { MembershipRepository } from '../../src/memberships/membership.repository';
import type { GrantInput } from '../../src/memberships/membership.types';
import { createTestApp, type TestApp } from '../support/test-app';

export const DAY_MINUTES = 24 * 60;

/** A Stripe purchase of a 30-day plan by a fresh Telegram user, for grant-level tests. */
export function grantInput(overrides: Partial<GrantInput> = {}): GrantInput {
  return {
    provider: 'stripe',
    providerPaymentId: `cs_test_${new Types.ObjectId().toString()}`,
    kind: 'purchase',
    sellerId: new Types.ObjectId().toString(),
    planId: new Types.ObjectId().toString(),
    telegramUserId: 700_000 + Math.floor(Math.random() * 200_000),
    channels: [{ channelId: new Types.ObjectId().toString(), chatId: -1001 }],
    durationMinutes: 30 * DAY_MINUTES,
    accessMode: 'invite_link',
    billing: 'one_off',
    ...overrides,
  };
}

/** The next payment of the same customer and plan. */
export function renewalOf(first: GrantInput, tag = 'renewal'): GrantInput {
  return {
    ...first,
    providerPaymentId: `in_${tag}_${new Types.ObjectId().toString()}`,
    kind: 'renewal',
  };
}

/** The app's grant service and membership repository over a test app of its own. */
export function grantTestApp(): {
  readonly t: TestApp;
  readonly grants: GrantService;
  readonly memberships: MembershipRepository;
} {
  const ctx = {} as { t: TestApp; grants: GrantService; memberships: MembershipRepository };
  beforeAll(async () => {
    ctx.t = await createTestApp();
    ctx.grants = ctx.t.app.get(GrantService);
    ctx.memberships = ctx.t.app.get(MembershipRepository);
  });
  afterAll(async () => {
    await ctx.t.close();
  });
  return ctx;
}
