import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { IdempotencyRecord } from './schemas/idempotency-record.schema';

export type IdempotencyView = Omit<IdempotencyRecord, never>;

/** Seller-scoped: every method takes the seller id and every query includes it. */
@Injectable()
export class IdempotencyRepository {
  constructor(
    @InjectModel(IdempotencyRecord.name) private readonly model: Model<IdempotencyRecord>,
  ) {}

  /** True when this caller now owns the key. */
  async tryInsert(record: Omit<IdempotencyRecord, 'state'>): Promise<boolean> {
    try {
      await this.model.create({ ...record, state: 'running' });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  async find(sellerId: string, key: string): Promise<IdempotencyView | undefined> {
    const doc = await this.model.findOne({ sellerId, key }).lean();
    if (!doc) {
      return undefined;
    }
    const { _id: _ignored, ...view } = doc;
    return view;
  }

  async complete(params: {
    sellerId: string;
    key: string;
    runId: string;
    statusCode: number;
    responseEnc: string | undefined;
    subject: string | undefined;
    at: Date;
  }): Promise<void> {
    const { sellerId, key, runId, statusCode, responseEnc, subject, at } = params;
    await this.model.updateOne(
      { sellerId, key, runId },
      {
        $set: {
          state: 'completed',
          statusCode,
          completedAt: at,
          ...(responseEnc === undefined ? {} : { responseEnc }),
          ...(subject === undefined ? {} : { subject }),
        },
      },
    );
  }

  /**
   * Privacy: drops the stored answers about these subjects and keeps the decision (a repeat is
   * refused, not run again). A completed record has no other writer (its run wrote it last).
   */
  async eraseAnswers(params: { sellerId: string; subjects: string[]; at: Date }): Promise<number> {
    if (params.subjects.length === 0) {
      return 0;
    }
    const { modifiedCount } = await this.model.updateMany(
      { sellerId: params.sellerId, subject: { $in: params.subjects } },
      { $unset: { responseEnc: 1, subject: 1 }, $set: { answerErasedAt: params.at } },
    );
    return modifiedCount;
  }

  /** Deletes the claim of one run only (deleteOne is atomic on both engines). */
  async release(params: { sellerId: string; key: string; runId: string }): Promise<void> {
    await this.model.deleteOne(params);
  }

  async purgeBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }
}
