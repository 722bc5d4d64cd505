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

  /** Inserts the grant, or returns the one already recorded for this payment. */
  async insertOnce(input: GrantInput): Promise<{ grant: GrantView; created: boolean }> {
    const id = grantIdOf(input);
    try {
      const doc = await this.model.create({ _id: id, ...input });
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

  /** Binds a claimed web payment to the Telegram account that claimed it (first claim wins). */
  async bindTelegramUser(id: string, telegramUserId: number): Promise<void> {
    await this.model.updateOne(
      { _id: id, telegramUserId: { $exists: false } },
      { $set: { telegramUserId } },
    );
  }

  async markApplied(params: { id: string; membershipId: string; at: Date }): Promise<void> {
    await this.model.updateOne(
      { _id: params.id },
      { $set: { membershipId: params.membershipId, appliedAt: params.at } },
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
