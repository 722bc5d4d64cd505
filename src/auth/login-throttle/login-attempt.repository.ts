import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { LoginAttempt, LoginOutcome } from './schemas/login-attempt.schema';

/** Outcomes that count against the limit: failures, and attempts still being checked. */
const COUNTED: LoginOutcome[] = ['pending', 'failed'];

@Injectable()
export class LoginAttemptRepository {
  constructor(@InjectModel(LoginAttempt.name) private readonly model: Model<LoginAttempt>) {}

  async insert(attempt: { email: string; ip: string; at: Date }): Promise<string> {
    const created = await this.model.create({ ...attempt, outcome: 'pending' });
    return String(created._id);
  }

  /** Called only by the request that inserted the attempt (its single owner). */
  async settle(id: string, outcome: Exclude<LoginOutcome, 'pending'>): Promise<void> {
    await this.model.updateOne({ _id: new Types.ObjectId(id) }, { $set: { outcome } });
  }

  async lastSuccessAt(email: string): Promise<Date | undefined> {
    const doc = await this.model
      .findOne({ email, outcome: 'succeeded' })
      .sort({ at: -1 })
      .select({ at: 1 })
      .lean();
    return doc?.at;
  }

  /**
   * Times of counted attempts at or after `since`, oldest first, excluding the caller's own. At
   * or after: an attempt in the same millisecond as the last success still counts (safe side).
   */
  async countedSince(params: {
    key: { email: string } | { ip: string };
    since: Date;
    excludeId: string;
  }): Promise<Date[]> {
    const docs = await this.model
      .find({
        ...params.key,
        at: { $gte: params.since },
        outcome: { $in: COUNTED },
        _id: { $ne: new Types.ObjectId(params.excludeId) },
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
