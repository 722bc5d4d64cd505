import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { GrantService } from '../src/memberships/grant.service';
import { MembershipRepository } from '../src/memberships/membership.repository';
import { MembershipEvents, MembershipGrantedEvent } from '../src/memberships/memberships.events';
import { MembershipsService } from '../src/memberships/memberships.service';
import { DAY_MINUTES, grantInput, renewalOf } from './factories/grant-input.factory';
import { createTestApp, TestApp } from './support/test-app';

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

describe('Grant: exactly once, renewals stack', () => {
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

/** The ledger as stored, in slot order (the test may query by membershipId; the code never does). */
async function ledgerOf(membershipId: string): Promise<Record<string, unknown>[]> {
  return t.connection
    .collection('membership_periods')
    .find({ membershipId })
    .sort({ seq: 1 })
    .toArray();
}

/** The state a crash leaves between the period's append and the writes that record it. */
async function forgetApplication(grantId: string, membershipId: string): Promise<void> {
  await t.connection
    .collection<{ _id: string }>('grants')
    .updateOne({ _id: grantId }, { $unset: { periodSeq: 1, appliedAt: 1 } });
  await t.connection
    .collection('memberships')
    .updateOne({ _id: new Types.ObjectId(membershipId) }, { $unset: { ledgerSeq: 1 } });
}

describe('The ledger: one slot per entry, read by _id', () => {
  it('applies one grant claimed concurrently with a single period and a single granted event', async () => {
    const pending = await grants.grant(grantInput({ telegramUserId: undefined }));
    const granted: MembershipGrantedEvent[] = [];
    const listener = (event: MembershipGrantedEvent): void => {
      if (event.grant.id === pending.grant.id) {
        granted.push(event);
      }
    };
    const emitter = t.app.get(EventEmitter2);
    emitter.on(MembershipEvents.Granted, listener);
    try {
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, () => grants.claim(pending.grant.id, 81_000_001)),
      );
      const membershipId = outcomes[0].membership!.id;
      expect(new Set(outcomes.map((o) => o.membership!.id))).toEqual(new Set([membershipId]));
      const ledger = await ledgerOf(membershipId);
      expect(ledger).toEqual([
        expect.objectContaining({
          _id: `${membershipId}:1`,
          seq: 1,
          grantId: pending.grant.id,
          kind: 'paid',
        }),
      ]);
      expect(granted).toHaveLength(1);
      expect((await grants.find(pending.grant.id))?.periodSeq).toBe(1);
      expect((await memberships.findById(membershipId))?.ledgerSeq).toBe(1);
    } finally {
      emitter.off(MembershipEvents.Granted, listener);
    }
  });

  it('re-applies a grant whose period was appended before a crash without adding time twice', async () => {
    const first = grantInput();
    const { membership, grant } = await grants.grant(first);
    const membershipId = membership!.id;
    await forgetApplication(grant.id, membershipId);

    const again = await grants.apply((await grants.find(grant.id))!);

    expect(again.expiresAt).toEqual(membership!.expiresAt);
    expect(await ledgerOf(membershipId)).toHaveLength(1);
    expect((await grants.find(grant.id))?.periodSeq).toBe(1);
  });

  it("finds a crashed grant's period behind a later renewal instead of appending it again", async () => {
    const first = grantInput();
    const { membership, grant } = await grants.grant(first);
    const membershipId = membership!.id;
    const renewed = await grants.grant(renewalOf(first, 'after_crash'));
    await forgetApplication(grant.id, membershipId);

    const again = await grants.apply((await grants.find(grant.id))!);

    expect(again.expiresAt).toEqual(renewed.membership!.expiresAt);
    const ledger = await ledgerOf(membershipId);
    expect(ledger.map((p) => p.grantId)).toEqual([grant.id, renewed.grant.id]);
    expect((await grants.find(grant.id))?.periodSeq).toBe(1);
  });

  it('starts a renewal after a revocation from the payment, not on top of the revoked time', async () => {
    const first = grantInput();
    const { membership } = await grants.grant(first);
    const membershipId = membership!.id;
    const revokedSeq = await t.app
      .get(MembershipsService)
      .revokePaidTime({ membershipId, reason: 'refund' });
    expect(revokedSeq).toBe(2);

    const renewed = await grants.grant(renewalOf(first, 'after_refund'));

    const ledger = await ledgerOf(membershipId);
    expect(ledger.map((p) => [p._id, p.kind])).toEqual([
      [`${membershipId}:1`, 'paid'],
      [`${membershipId}:2`, 'revoked'],
      [`${membershipId}:3`, 'paid'],
    ]);
    expect(ledger[1].grantId).toBe(`revoked:${membershipId}:2`);
    const startsAt = ledger[2].startsAt as Date;
    expect(startsAt.getTime()).toBeGreaterThanOrEqual((ledger[1].endsAt as Date).getTime());
    expect(startsAt.getTime()).toBeLessThan(membership!.expiresAt!.getTime());
    expect(renewed.membership!.expiresAt).toEqual(ledger[2].endsAt);
  });

  it('finds the latest entry whether the ledgerSeq hint lags, leads or is missing', async () => {
    const first = grantInput({ durationMinutes: DAY_MINUTES });
    const { membership } = await grants.grant(first);
    const membershipId = membership!.id;
    await grants.grant(renewalOf(first, 'a'));
    const third = await grants.grant(renewalOf(first, 'b'));
    await memberships.update(membershipId, { ledgerSeq: 1 });

    const fourth = await grants.grant(renewalOf(first, 'c'));

    expect(fourth.membership!.expiresAt!.getTime()).toBe(
      third.membership!.expiresAt!.getTime() + DAY_MINUTES * 60_000,
    );
    expect((await memberships.findById(membershipId))?.ledgerSeq).toBe(4);
    const rules = t.app.get(MembershipsService);
    for (const hint of [undefined, 1, 4, 99]) {
      expect((await rules.latestPeriod(membershipId, hint))?.seq).toBe(4);
    }
  });

  it('reads the ledger only by _id while granting, renewing and re-delivering a payment', async () => {
    const ops: { method: string; filter: unknown }[] = [];
    t.connection.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'membership_periods') {
        ops.push({ method, filter });
      }
    });
    try {
      const first = grantInput();
      await grants.grant(first);
      const renewal = renewalOf(first, 'trace');
      await grants.grant(renewal);
      await grants.grant(renewal);
    } finally {
      t.connection.set('debug', undefined);
    }
    const reads = ops.filter((o) => o.method !== 'insertOne');
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read).toEqual({ method: 'findOne', filter: { _id: expect.any(String) } });
    }
  });
});
