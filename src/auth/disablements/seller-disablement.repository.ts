import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerDisablement } from './schemas/seller-disablement.schema';

export interface SellerDisablementRecord {
  sellerId: string;
  by: string;
  reason: string;
  disabledAt: Date;
}

@Injectable()
export class SellerDisablementRepository {
  constructor(
    @InjectModel(SellerDisablement.name) private readonly model: Model<SellerDisablement>,
  ) {}

  /** The disablement in force: the one just inserted, or the earlier one it collided with. */
  async insertOnce(record: SellerDisablementRecord): Promise<SellerDisablementRecord> {
    const { sellerId, ...rest } = record;
    try {
      await this.model.create({ _id: sellerId, ...rest });
      return record;
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      return (await this.find(sellerId)) ?? record;
    }
  }

  async find(sellerId: string): Promise<SellerDisablementRecord | undefined> {
    const doc = await this.model.findById(sellerId).lean();
    return doc
      ? { sellerId: doc._id, by: doc.by, reason: doc.reason, disabledAt: doc.disabledAt }
      : undefined;
  }

  async exists(sellerId: string): Promise<boolean> {
    return (await this.model.exists({ _id: sellerId })) !== null;
  }

  async remove(sellerId: string): Promise<void> {
    await this.model.deleteOne({ _id: sellerId });
  }
}
