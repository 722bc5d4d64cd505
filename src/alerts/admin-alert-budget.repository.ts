import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import type { AlertKind } from './alert-kinds';
import { AdminAlertBudget } from './schemas/admin-alert-budget.schema';

@Injectable()
export class AdminAlertBudgetRepository {
  constructor(
    @InjectModel(AdminAlertBudget.name) private readonly model: Model<AdminAlertBudget>,
  ) {}

  /** Takes one unit of the kind's budget for the hour; answers how many are used now. */
  async take(kind: AlertKind, hourStart: Date): Promise<number> {
    const _id = `${kind}:${hourStart.toISOString()}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const doc = await this.model
          .findOneAndUpdate(
            { _id },
            { $inc: { used: 1 }, $setOnInsert: { hourStart } },
            { upsert: true, new: true },
          )
          .lean();
        return doc.used;
      } catch (error) {
        // Two first alerts of the hour both tried to create the counter: the loser just retries.
        if (!isDuplicateKeyError(error) || attempt >= 3) {
          throw error;
        }
      }
    }
  }

  async deleteBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ hourStart: { $lt: before } });
    return deletedCount;
  }
}
