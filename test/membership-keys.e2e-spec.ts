import { Types } from 'mongoose';
import { membershipKey } from '../src/memberships/membership.repository';
import type { GrantInput } from '../src/memberships/membership.types';
import { grantInput, grantTestApp, renewalOf } from './factories/grant-input.factory';

const app = grantTestApp();
const purchase = (overrides: Partial<GrantInput> = {}): GrantInput =>
  grantInput({ telegramUserId: 800_000 + Math.floor(Math.random() * 100_000), ...overrides });

interface KeyDoc {
  _id: string;
  membershipId: string;
  createdAt: Date;
}

/** A customer's membership of a plan is found by `_id` (membership_keys), never by a scan. */
describe('membership keys', () => {
  it('finds the membership of a renewing customer and of a checkout by _id only', async () => {
    const first = purchase();
    const { membership } = await app.grants.grant(first);
    const reads: Array<{ collection: string; method: string; filter: unknown }> = [];
    app.t.connection.set('debug', (collection: string, method: string, filter: unknown) => {
      if (collection === 'memberships' || collection === 'membership_keys') {
        reads.push({ collection, method, filter });
      }
    });
    try {
      await app.grants.grant(renewalOf(first));
      const found = await app.memberships.findByKey(first.planId, first.telegramUserId!);
      expect(found?.id).toBe(membership?.id);
    } finally {
      app.t.connection.set('debug', undefined);
    }
    const finds = reads.filter((r) => r.method === 'findOne' || r.method === 'find');
    expect(finds.length).toBeGreaterThan(0);
    for (const read of finds) {
      expect(Object.keys(read.filter as object)).toEqual(['_id']);
    }
  });

  it('gives concurrent first grants of one customer and plan one membership', async () => {
    const first = purchase();
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () =>
        app.grants.grant({ ...first, providerPaymentId: `cs_${new Types.ObjectId().toString()}` }),
      ),
    );
    expect(new Set(outcomes.map((o) => o.membership?.id)).size).toBe(1);
    expect(
      await app.t.connection.collection('memberships').countDocuments({ planId: first.planId }),
    ).toBe(1);
  });

  it('completes a membership whose key was claimed before a crash', async () => {
    const first = purchase();
    const key = membershipKey(first.planId, first.telegramUserId!);
    const orphanId = new Types.ObjectId().toHexString();
    await app.t.connection
      .collection<KeyDoc>('membership_keys')
      .insertOne({ _id: key, membershipId: orphanId, createdAt: new Date() });

    expect(await app.memberships.findByKey(first.planId, first.telegramUserId!)).toBeUndefined();
    const { membership } = await app.grants.grant(first);

    expect(membership?.id).toBe(orphanId);
    expect((await app.memberships.findByKey(first.planId, first.telegramUserId!))?.status).toBe(
      'active',
    );
  });

  it('forgets the key with the personal data, and a later purchase starts a new membership', async () => {
    const first = purchase();
    const { membership } = await app.grants.grant(first);
    await app.memberships.erasePersonalData(membership!.id, new Date());

    const key = membershipKey(first.planId, first.telegramUserId!);
    expect(
      await app.t.connection.collection<{ _id: string }>('membership_keys').findOne({ _id: key }),
    ).toBeNull();
    expect(await app.memberships.findByKey(first.planId, first.telegramUserId!)).toBeUndefined();

    const again = await app.grants.grant(
      purchase({ ...first, providerPaymentId: `cs_${new Types.ObjectId().toString()}` }),
    );
    expect(again.membership?.id).not.toBe(membership!.id);
  });

  it('steps over a key left behind by an interrupted erasure', async () => {
    const first = purchase();
    const { membership } = await app.grants.grant(first);
    const key = membershipKey(first.planId, first.telegramUserId!);
    // The erasure's membership write landed, its key delete did not.
    await app.memberships.erasePersonalData(membership!.id, new Date());
    await app.t.connection
      .collection<KeyDoc>('membership_keys')
      .insertOne({ _id: key, membershipId: membership!.id, createdAt: new Date() });

    expect(await app.memberships.findByKey(first.planId, first.telegramUserId!)).toBeUndefined();
    const again = await app.grants.grant(
      purchase({ ...first, providerPaymentId: `cs_${new Types.ObjectId().toString()}` }),
    );
    expect(again.membership?.id).not.toBe(membership!.id);
    expect(again.membership?.telegramUserId).toBe(first.telegramUserId);
  });
});
