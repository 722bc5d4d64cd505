import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  RecoveryAction,
  RecoveryAttempt,
  RecoveryTrigger,
} from './schemas/recovery-attempt.schema';

export interface RecoveryAttemptRecord {
  id: string;
  paymentId: string;
  n: number;
  trigger: RecoveryTrigger;
  action: RecoveryAction;
  detail?: string;
  by?: string;
  at: Date;
}

@Injectable()
export class RecoveryAttemptRepository {
  constructor(@InjectModel(RecoveryAttempt.name) private readonly model: Model<RecoveryAttempt>) {}

  /** Inserts attempt `n`; undefined when someone else already made attempt `n`. */
  async claim(params: {
    paymentId: string;
    n: number;
    trigger: RecoveryTrigger;
    by?: string;
    at: Date;
  }): Promise<RecoveryAttemptRecord | undefined> {
    const id = `${params.paymentId}:${params.n}`;
    const record: RecoveryAttemptRecord = { id, ...params, action: 'pending' };
    try {
      const { id: _id, ...rest } = record;
      await this.model.create({ _id, ...rest });
      return record;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Only the inserter of the attempt settles it. */
  async settle(id: string, outcome: { action: RecoveryAction; detail?: string }): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: outcome });
  }

  /** Payments with an attempt made before `before` (the `at` index serves it). */
  paymentIdsWithAttemptsBefore(before: Date): Promise<string[]> {
    return this.model.distinct('paymentId', { at: { $lt: before } });
  }

  /** Every attempt of these payments (the paymentId index serves it). */
  async deleteForPayments(paymentIds: string[]): Promise<number> {
    if (paymentIds.length === 0) {
      return 0;
    }
    const { deletedCount } = await this.model.deleteMany({ paymentId: { $in: paymentIds } });
    return deletedCount;
  }

  async listFor(paymentId: string): Promise<RecoveryAttemptRecord[]> {
    const docs = await this.model.find({ paymentId }).sort({ n: 1 }).lean();
    return docs.map(toRecord);
  }

  async listForMany(paymentIds: string[]): Promise<Map<string, RecoveryAttemptRecord[]>> {
    const byPayment = new Map<string, RecoveryAttemptRecord[]>();
    if (paymentIds.length === 0) {
      return byPayment;
    }
    const docs = await this.model
      .find({ paymentId: { $in: paymentIds } })
      .sort({ paymentId: 1, n: 1 })
      .lean();
    for (const doc of docs) {
      const list = byPayment.get(doc.paymentId) ?? [];
      list.push(toRecord(doc));
      byPayment.set(doc.paymentId, list);
    }
    return byPayment;
  }
}

function toRecord(doc: RecoveryAttempt): RecoveryAttemptRecord {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
