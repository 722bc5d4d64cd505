import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../../sellers/tenancy/seller-owned.repository';
import { ApiKeyScope } from '../principal';
import { ApiKey } from './schemas/api-key.schema';

export interface ApiKeyRecord {
  id: string;
  sellerId: string;
  name: string;
  prefix: string;
  keyHash: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  revokedAt: Date | null;
}

@Injectable()
export class ApiKeyRepository extends SellerOwnedRepository<ApiKey, ApiKeyRecord> {
  constructor(@InjectModel(ApiKey.name) model: Model<ApiKey>) {
    super(model);
  }

  async create(key: Omit<ApiKey, 'revokedAt'>): Promise<ApiKeyRecord> {
    const created = await this.model.create({ ...key, revokedAt: null });
    return this.toRecord(created.toObject());
  }

  listLive(sellerId: string): Promise<ApiKeyRecord[]> {
    return this.findMany(sellerId, { revokedAt: null }, { createdAt: -1 });
  }

  countLive(sellerId: string): Promise<number> {
    return this.model.countDocuments(this.scope(sellerId, { revokedAt: null }));
  }

  findLive(sellerId: string, id: string): Promise<ApiKeyRecord | undefined> {
    return this.findOneById(sellerId, id, { revokedAt: null });
  }

  /** Authentication only: the prefix is what identifies the key before we know its seller. */
  async findByPrefix(prefix: string): Promise<ApiKeyRecord | undefined> {
    const doc = await this.model.findOne({ prefix }).lean();
    return doc ? this.toRecord(doc) : undefined;
  }

  async revoke(sellerId: string, id: string, at: Date): Promise<boolean> {
    return this.updateOneById(sellerId, id, { $set: { revokedAt: at } }, { revokedAt: null });
  }

  async revokeAll(sellerId: string, at: Date): Promise<number> {
    const { modifiedCount } = await this.model.updateMany(
      this.scope(sellerId, { revokedAt: null }),
      {
        $set: { revokedAt: at },
      },
    );
    return modifiedCount;
  }

  protected toRecord(doc: ApiKey & { _id: unknown }): ApiKeyRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      name: doc.name,
      prefix: doc.prefix,
      keyHash: doc.keyHash,
      scopes: doc.scopes,
      createdAt: doc.createdAt,
      revokedAt: doc.revokedAt ?? null,
    };
  }
}
