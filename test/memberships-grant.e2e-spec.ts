import { Types } from 'mongoose';
import { GrantService } from '../src/memberships/grant.service';
import { MembershipRepository } from '../src/memberships/membership.repository';
import { GrantInput } from '../src/memberships/membership.types';
import { createTestApp, TestApp } from './support/test-app';

const DAY_MINUTES = 24 * 60;

function grantInput(overrides: Partial<GrantInput> = {}): GrantInput {
  return {
    provider: 'stripe',
    providerPaymentId: `cs_test_${new Types.ObjectId().toString()}`,
    kind: 'purchase',
    sellerId: new Types.ObjectId().toString(),
    planId: new Types.ObjectId().toString(),
    telegramUserId: 700_000 + Math.floor(Math.random() * 100_000),
    channels: [{ channelId: new Types.ObjectId().toString(), chatId: -1001 }],
    durationMinutes: 30 * DAY_MINUTES,
    accessMode: 'invite_link',
    billing: 'one_off',
    ...overrides,
  };
}

describe('Grant: exactly once, renewals stack', () => {
  let t: TestApp;
  let grants: GrantService;
  let memberships: MembershipRepository;

  beforeAll(async () => {
    t = await createTestApp();
    grants = t.app.get(GrantService);
    memberships = t.app.get(MembershipRepository);
  });
  afterAll(async () => {
    await t.close();
  });

  it('grants the same payment delivered 10 times concurrently exactly once', async () => {
    const input = grantInput();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => grants.grant(input)));
    expect(outcomes.filter((o) => o.created)).toHaveLength(1);
    const ids = new Set(outcomes.map((o) => o.membership?.id));
    expect(ids.size).toBe(1);
    const membershipId = [...ids][0]!;
    expect(
      await t.connection.collection('membership_periods').countDocuments({ membershipId }),
    ).toBe(1);
    expect(
      await t.connection
        .collection('grants')
        .countDocuments({ providerPaymentId: input.providerPaymentId }),
    ).toBe(1);
    const stored = await memberships.findById(membershipId);
    expect(stored?.status).toBe('active');
  });

  it('stacks a renewal onto the remaining paid time', async () => {
    const first = grantInput();
    const { membership } = await grants.grant(first);
    const renewal = await grants.grant({
      ...first,
      providerPaymentId: `in_${new Types.ObjectId().toString()}`,
      kind: 'renewal',
    });
    const expected = membership!.expiresAt!.getTime() + 30 * DAY_MINUTES * 60_000;
    expect(renewal.membership!.id).toBe(membership!.id);
    expect(renewal.membership!.expiresAt!.getTime()).toBe(expected);
  });

  it('stacks concurrent renewals of one membership without losing a day', async () => {
    const first = grantInput({ durationMinutes: DAY_MINUTES });
    const { membership } = await grants.grant(first);
    const start = membership!.expiresAt!.getTime() - DAY_MINUTES * 60_000;
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        grants.grant({
          ...first,
          providerPaymentId: `in_race_${i}_${membership!.id}`,
          kind: 'renewal',
        }),
      ),
    );
    const stored = await memberships.findById(membership!.id);
    expect(stored!.expiresAt!.getTime()).toBe(start + 7 * DAY_MINUTES * 60_000);
    const seqs = await t.connection
      .collection('membership_periods')
      .find({ membershipId: membership!.id })
      .sort({ seq: 1 })
      .toArray();
    expect(seqs.map((p) => p.seq as number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('records every status change with its reason', async () => {
    const { membership, grant } = await grants.grant(grantInput());
    const history = await t.connection
      .collection('membership_events')
      .find({ membershipId: membership!.id })
      .toArray();
    expect(history).toEqual([
      expect.objectContaining({ from: 'pending', to: 'active', reason: `granted by ${grant.id}` }),
    ]);
  });

  it('holds a web payment without a Telegram account until it is claimed, then grants it once', async () => {
    const input = grantInput({ telegramUserId: undefined });
    const pending = await grants.grant(input);
    expect(pending.membership).toBeUndefined();
    const claimed = await grants.claim(pending.grant.id, 4242);
    expect(claimed.membership?.telegramUserId).toBe(4242);
    await expect(grants.claim(pending.grant.id, 5353)).rejects.toMatchObject({
      code: 'CLAIM_TAKEN',
    });
  });
});
