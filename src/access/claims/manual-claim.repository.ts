import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ManualClaim } from './manual-claim.schema';

export type ManualClaimRecord = ManualClaim;

/** The `manual_claims` collection: claim links keyed by the sha256 of their token. */
@Injectable()
export class ManualClaimRepository {
  constructor(@InjectModel(ManualClaim.name) private readonly model: Model<ManualClaim>) {}

  async insert(claim: ManualClaim): Promise<void> {
    await this.model.create(claim);
  }

  async findById(id: string): Promise<ManualClaimRecord | undefined> {
    return (await this.model.findById(id).lean()) ?? undefined;
  }

  /** Claims whose link expired before `before`, oldest first. */
  expiredBefore(before: Date, limit: number): Promise<ManualClaimRecord[]> {
    return this.model
      .find({ expiresAt: { $lt: before } })
      .sort({ expiresAt: 1 })
      .limit(limit)
      .lean();
  }

  async deleteByIds(ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await this.model.deleteMany({ _id: { $in: ids } });
    }
  }

  async deleteForGrants(grantIds: string[]): Promise<void> {
    if (grantIds.length > 0) {
      await this.model.deleteMany({ grantId: { $in: grantIds } });
    }
  }
}
