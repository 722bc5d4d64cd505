import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AdminLoginTry, LoginTryOutcome } from './schemas/admin-login-try.schema';

export interface TrySlot {
  id: string;
  /** 1 for the code's first try. */
  n: number;
}

@Injectable()
export class AdminLoginTryRepository {
  constructor(@InjectModel(AdminLoginTry.name) private readonly model: Model<AdminLoginTry>) {}

  /**
   * Takes the code's next try by inserting `<codeId>:<n>`; undefined when all `max` are taken.
   * A collision means a concurrent request took that n: count again and take the next.
   */
  async claimTry(params: {
    codeId: string;
    telegramId: number;
    max: number;
    at: Date;
  }): Promise<TrySlot | undefined> {
    for (let round = 0; round <= params.max; round += 1) {
      const taken = await this.model.countDocuments({ codeId: params.codeId, kind: 'try' });
      if (taken >= params.max) {
        return undefined;
      }
      const n = taken + 1;
      const id = `${params.codeId}:${n}`;
      try {
        await this.model.create({
          _id: id,
          codeId: params.codeId,
          telegramId: params.telegramId,
          kind: 'try',
          outcome: 'pending',
          at: params.at,
        });
        return { id, n };
      } catch (error) {
        if (!isDuplicateKeyError(error)) {
          throw error;
        }
      }
    }
    return undefined;
  }

  /** The code's single use; false when someone used it first. */
  async consume(params: { codeId: string; telegramId: number; at: Date }): Promise<boolean> {
    try {
      await this.model.create({
        _id: `${params.codeId}:use`,
        codeId: params.codeId,
        telegramId: params.telegramId,
        kind: 'use',
        outcome: 'right',
        at: params.at,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  /** Only the request that took the try settles it. */
  async settle(id: string, outcome: Exclude<LoginTryOutcome, 'pending'>): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { outcome } });
  }

  /** Times of wrong (or undecided) tries of this Telegram id since `since`, oldest first. */
  async failuresSince(params: {
    telegramId: number;
    since: Date;
    excludeId: string;
  }): Promise<Date[]> {
    const docs = await this.model
      .find({
        telegramId: params.telegramId,
        kind: 'try',
        outcome: { $in: ['pending', 'wrong'] },
        at: { $gt: params.since },
        _id: { $ne: params.excludeId },
      })
      .sort({ at: 1 })
      .select({ at: 1 })
      .lean();
    return docs.map((d) => d.at);
  }

  async purgeBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ at: { $lt: before } });
    return deletedCount;
  }
}
