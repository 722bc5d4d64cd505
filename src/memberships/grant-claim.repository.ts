import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { GrantClaim } from './schemas/grant-claim.schema';

@Injectable()
export class GrantClaimRepository {
  constructor(@InjectModel(GrantClaim.name) private readonly model: Model<GrantClaim>) {}

  /** The Telegram account that owns the grant now: ours if we were first, else the winner's. */
  async claimOnce(params: { grantId: string; telegramUserId: number; at: Date }): Promise<number> {
    try {
      await this.model.create({
        _id: params.grantId,
        telegramUserId: params.telegramUserId,
        claimedAt: params.at,
      });
      return params.telegramUserId;
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const winner = await this.model.findById(params.grantId).lean();
      if (!winner) {
        throw error;
      }
      return winner.telegramUserId;
    }
  }

  async deleteFor(grantIds: string[]): Promise<void> {
    if (grantIds.length > 0) {
      await this.model.deleteMany({ _id: { $in: grantIds } });
    }
  }
}
