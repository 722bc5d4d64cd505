import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { GrantInput, GrantView } from './membership.types';
import { Grant } from './schemas/grant.schema';

export function grantIdOf(input: Pick<GrantInput, 'provider' | 'providerPaymentId'>): string {
  return `${input.provider}:${input.providerPaymentId}`;
}

@Injectable()
export class GrantRepository {
  constructor(@InjectModel(Grant.name) private readonly model: Model<Grant>) {}

  /**
   * Inserts the grant, or returns the one already recorded for this payment. `createdAt` comes
   * from the app's Clock, not Mongoose's: a payment's paidAt is this date, and recovery compares
   * it with that clock.
   */
  async insertOnce(
    input: GrantInput,
    createdAt: Date,
  ): Promise<{ grant: GrantView; created: boolean }> {
    const id = grantIdOf(input);
    try {
      const doc = await this.model.create({ _id: id, ...input, createdAt });
      return { grant: toView(doc.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.findById(id);
      if (!existing) {
        throw error;
      }
      return { grant: existing, created: false };
    }
  }

  async findById(id: string): Promise<GrantView | undefined> {
    const doc = await this.model.findById(id).lean();
    return doc ? toView(doc) : undefined;
  }

  async findByPaymentId(paymentId: string): Promise<GrantView[]> {
    const docs = await this.model.find({ paymentId }).sort({ createdAt: 1 }).lean();
    return docs.map(toView);
  }

  /** Records the account that won the claim (grant_claims decided it; see GrantService.claim). */
  async bindTelegramUser(id: string, telegramUserId: number): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { telegramUserId } });
  }

  async findByMembership(membershipId: string): Promise<GrantView[]> {
    const docs = await this.model.find({ membershipId }).sort({ createdAt: 1 }).lean();
    return docs.map(toView);
  }

  /**
   * Privacy: the grant keeps what a financial record needs (provider, payment ids, plan, dates)
   * and loses the customer and the Telegram account.
   */
  async erasePersonalData(ids: string[], at: Date): Promise<void> {
    if (ids.length > 0) {
      await this.model.updateMany(
        { _id: { $in: ids } },
        {
          $unset: { customer: 1, telegramUserId: 1, externalUserId: 1 },
          $set: { personalDataErasedAt: at },
        },
      );
    }
  }

  async deleteMany(ids: string[]): Promise<void> {
    if (ids.length > 0) {
      await this.model.deleteMany({ _id: { $in: ids } });
    }
  }

  async markApplied(params: {
    id: string;
    membershipId: string;
    periodSeq: number;
    at: Date;
  }): Promise<void> {
    await this.model.updateOne(
      { _id: params.id },
      {
        $set: {
          membershipId: params.membershipId,
          periodSeq: params.periodSeq,
          appliedAt: params.at,
        },
      },
    );
  }

  async findUnapplied(params: { olderThan: Date; limit: number }): Promise<GrantView[]> {
    const docs = await this.model
      .find({
        appliedAt: { $exists: false },
        telegramUserId: { $exists: true },
        createdAt: { $lte: params.olderThan },
      })
      .sort({ createdAt: 1 })
      .limit(params.limit)
      .lean();
    return docs.map(toView);
  }
}

function toView(doc: Grant): GrantView {
  const { _id, ...rest } = doc;
  return { ...(rest as unknown as Omit<GrantView, 'id'>), id: _id };
}
