import type { Model } from 'mongoose';
import { SellerOwnedRepository } from './seller-owned.repository';

interface Thing {
  sellerId: string;
  name: string;
}

class ThingRepository extends SellerOwnedRepository<Thing, Thing> {
  constructor(model: Model<Thing>) {
    super(model);
  }
  filterFor(sellerId: string, filter: Record<string, unknown>): unknown {
    return this.scope(sellerId, filter);
  }
  protected toRecord(doc: Thing): Thing {
    return doc;
  }
}

describe('SellerOwnedRepository', () => {
  const repo = new ThingRepository({} as Model<Thing>);

  it('adds the seller id to every filter, after the caller’s own fields', () => {
    expect(repo.filterFor('seller-a', { name: 'x', sellerId: 'seller-b' })).toEqual({
      name: 'x',
      sellerId: 'seller-a',
    });
  });

  it('refuses to build a query without a seller id', () => {
    expect(() => repo.filterFor('', {})).toThrow(/without a seller id/);
  });

  it('finds nothing for an id that is not an ObjectId, without asking the database', async () => {
    await expect(repo.findById('seller-a', 'not-an-id')).resolves.toBeUndefined();
  });

  it('deletes by ids within the seller only, and asks nothing for an empty list', async () => {
    const filters: unknown[] = [];
    const model = {
      deleteMany: (filter: unknown) => {
        filters.push(filter);
        return Promise.resolve({ deletedCount: 2 });
      },
    } as unknown as Model<Thing>;
    const scoped = new ThingRepository(model);
    await expect(scoped.deleteMany('seller-a', [])).resolves.toBe(0);
    await expect(scoped.deleteMany('seller-a', ['a1', 'a2'])).resolves.toBe(2);
    expect(filters).toEqual([{ _id: { $in: ['a1', 'a2'] }, sellerId: 'seller-a' }]);
  });
});
