import type { FilterQuery, Model, SortOrder, UpdateQuery } from 'mongoose';
import { toObjectId } from './object-id';

type Sort = Record<string, SortOrder>;

/**
 * Base of every repository over a seller-owned collection. Tenant isolation lives here, once:
 * each method takes the seller id and `scope()` adds it to every filter (after the caller's
 * filter, so nothing can override it). A handler cannot forget it, and a record of another
 * seller is simply not found (404), so its existence does not leak.
 */
export abstract class SellerOwnedRepository<TSchema extends { sellerId: string }, TRecord> {
  protected constructor(protected readonly model: Model<TSchema>) {}

  protected abstract toRecord(doc: TSchema & { _id: unknown }): TRecord;

  findById(sellerId: string, id: string): Promise<TRecord | undefined> {
    return this.findOneById(sellerId, id);
  }

  /** Deletes this seller's records with these ids; how many went. */
  deleteMany(sellerId: string, ids: readonly string[]): Promise<number> {
    return this.deleteWhereIn(sellerId, '_id', ids);
  }

  protected scope(sellerId: string, filter: FilterQuery<TSchema> = {}): FilterQuery<TSchema> {
    if (typeof sellerId !== 'string' || sellerId.length === 0) {
      throw new Error('A seller-owned collection was queried without a seller id');
    }
    return { ...filter, sellerId };
  }

  protected async findOneById(
    sellerId: string,
    id: string,
    filter: FilterQuery<TSchema> = {},
  ): Promise<TRecord | undefined> {
    const _id = toObjectId(id);
    if (!_id) {
      return undefined;
    }
    const doc = await this.model
      .findOne(this.scope(sellerId, { ...filter, _id }))
      .lean<TSchema & { _id: unknown }>();
    return doc ? this.toRecord(doc) : undefined;
  }

  protected async findMany(
    sellerId: string,
    filter: FilterQuery<TSchema> = {},
    sort: Sort = { _id: 1 },
  ): Promise<TRecord[]> {
    const docs = await this.model
      .find(this.scope(sellerId, filter))
      .sort(sort)
      .lean<(TSchema & { _id: unknown })[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** The ids (as strings) of this seller's records whose `field` holds any of `values`. */
  protected async idsWhereIn(
    sellerId: string,
    field: string,
    values: readonly unknown[],
  ): Promise<string[]> {
    if (values.length === 0) {
      return [];
    }
    const docs = await this.model
      .find(this.scope(sellerId, inFilter<TSchema>(field, values)))
      .select({ _id: 1 })
      .lean<{ _id: unknown }[]>();
    return docs.map((doc) => String(doc._id));
  }

  /** Deletes this seller's records whose `field` holds any of `values`; how many went. */
  protected async deleteWhereIn(
    sellerId: string,
    field: string,
    values: readonly unknown[],
  ): Promise<number> {
    if (values.length === 0) {
      return 0;
    }
    const { deletedCount } = await this.model.deleteMany(
      this.scope(sellerId, inFilter<TSchema>(field, values)),
    );
    return deletedCount;
  }

  /** True when a record of this seller matched. */
  protected async updateOneById(
    sellerId: string,
    id: string,
    update: UpdateQuery<TSchema>,
    filter: FilterQuery<TSchema> = {},
  ): Promise<boolean> {
    const _id = toObjectId(id);
    if (!_id) {
      return false;
    }
    const { matchedCount } = await this.model.updateOne(
      this.scope(sellerId, { ...filter, _id }),
      update,
    );
    return matchedCount > 0;
  }
}

function inFilter<TSchema>(field: string, values: readonly unknown[]): FilterQuery<TSchema> {
  return { [field]: { $in: [...values] } } as FilterQuery<TSchema>;
}
