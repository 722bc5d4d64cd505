import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { deletedPromoCodeKey, PromoCode, promoCodeKey } from './schemas/promo-code.schema';

export interface PromoCodeRecord {
  id: string;
  sellerId: string;
  code: string;
  percentOff: number | null;
  amountOffMinor: number | null;
  currency: string | null;
  planIds: string[];
  expiresAt: Date | null;
  maxRedemptions: number | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type PromoCodeFields = Omit<PromoCodeRecord, 'id' | 'sellerId' | 'createdAt' | 'code'>;

/** Seller-scoped (the base class adds sellerId to every filter), except the checkout lookup. */
@Injectable()
export class PromoCodeRepository extends SellerOwnedRepository<PromoCode, PromoCodeRecord> {
  constructor(@InjectModel(PromoCode.name) model: Model<PromoCode>) {
    super(model);
  }

  /** undefined when the seller already has a live code with this name (any case). */
  async create(
    input: Omit<PromoCodeRecord, 'id' | 'updatedAt'>,
  ): Promise<PromoCodeRecord | undefined> {
    try {
      const doc = await this.model.create({
        ...input,
        codeKey: promoCodeKey(input.sellerId, input.code),
        updatedAt: input.createdAt,
        deletedAt: null,
      });
      return this.toRecord(doc.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  findLive(sellerId: string, id: string): Promise<PromoCodeRecord | undefined> {
    return this.findOneById(sellerId, id, { deletedAt: null });
  }

  listLive(sellerId: string): Promise<PromoCodeRecord[]> {
    return this.findMany(sellerId, { deletedAt: null }, { createdAt: 1 });
  }

  /** The seller's live code with this name, matched case-insensitively through its key. */
  async findByCode(sellerId: string, code: string): Promise<PromoCodeRecord | undefined> {
    const doc = await this.model
      .findOne(this.scope(sellerId, { codeKey: promoCodeKey(sellerId, code) }))
      .lean<PromoCode & { _id: unknown }>();
    return doc ? this.toRecord(doc) : undefined;
  }

  update(sellerId: string, id: string, fields: PromoCodeFields): Promise<boolean> {
    return this.updateOneById(sellerId, id, { $set: fields }, { deletedAt: null });
  }

  /** Soft delete: payments keep pointing at it; its name is free again. */
  softDelete(sellerId: string, id: string, at: Date): Promise<boolean> {
    return this.updateOneById(
      sellerId,
      id,
      { $set: { deletedAt: at, active: false, codeKey: deletedPromoCodeKey(id), updatedAt: at } },
      { deletedAt: null },
    );
  }

  protected toRecord(doc: PromoCode & { _id: unknown }): PromoCodeRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      code: doc.code,
      percentOff: doc.percentOff ?? null,
      amountOffMinor: doc.amountOffMinor ?? null,
      currency: doc.currency ?? null,
      planIds: [...doc.planIds],
      expiresAt: doc.expiresAt ?? null,
      maxRedemptions: doc.maxRedemptions ?? null,
      active: doc.active,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }
}
