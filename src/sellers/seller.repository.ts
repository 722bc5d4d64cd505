import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { Role } from '../auth/principal';
import { Seller } from './schemas/seller.schema';
import { toObjectId } from './tenancy/object-id';

export interface SellerRecord {
  id: string;
  email: string;
  passwordHash: string;
  name: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

@Injectable()
export class SellerRepository {
  constructor(@InjectModel(Seller.name) private readonly model: Model<Seller>) {}

  /** undefined when the e-mail is taken (the unique index decides, also under concurrency). */
  async create(seller: Omit<Seller, 'role'>): Promise<SellerRecord | undefined> {
    try {
      const created = await this.model.create({ ...seller, role: 'seller' });
      return toRecord(created.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async findByEmail(email: string): Promise<SellerRecord | undefined> {
    const doc = await this.model.findOne({ email }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** Platform-wide (admin statistics). */
  count(): Promise<number> {
    return this.model.countDocuments({});
  }

  async findById(id: string): Promise<SellerRecord | undefined> {
    const _id = toObjectId(id);
    const doc = _id ? await this.model.findOne({ _id }).lean() : null;
    return doc ? toRecord(doc) : undefined;
  }

  async update(
    id: string,
    changes: Partial<Pick<Seller, 'name' | 'passwordHash'>> & { updatedAt: Date },
  ): Promise<SellerRecord | undefined> {
    const _id = toObjectId(id);
    if (!_id) {
      return undefined;
    }
    await this.model.updateOne({ _id }, { $set: changes });
    return this.findById(id);
  }
}

function toRecord(doc: Seller & { _id: unknown }): SellerRecord {
  return {
    id: String(doc._id),
    email: doc.email,
    passwordHash: doc.passwordHash,
    name: doc.name,
    role: doc.role,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
