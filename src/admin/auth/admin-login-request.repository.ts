import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { AdminLoginRequest, LoginRequestOutcome } from './schemas/admin-login-request.schema';

/** Requests that count against the limit: accepted ones and those still being decided. */
const COUNTED: LoginRequestOutcome[] = ['pending', 'accepted'];

@Injectable()
export class AdminLoginRequestRepository {
  constructor(
    @InjectModel(AdminLoginRequest.name) private readonly model: Model<AdminLoginRequest>,
  ) {}

  async insert(request: { telegramId: number; ip: string; at: Date }): Promise<string> {
    const created = await this.model.create({ ...request, outcome: 'pending' });
    return String(created._id);
  }

  /** Only the request that inserted the document calls this. */
  async settle(id: string, outcome: Exclude<LoginRequestOutcome, 'pending'>): Promise<void> {
    await this.model.updateOne({ _id: new Types.ObjectId(id) }, { $set: { outcome } });
  }

  /** Times of counted requests since `since`, oldest first, leaving out `excludeId`. */
  async countedSince(params: {
    key: { telegramId: number } | { ip: string };
    since: Date;
    excludeId?: string;
  }): Promise<Date[]> {
    const docs = await this.model
      .find({
        ...params.key,
        at: { $gt: params.since },
        outcome: { $in: COUNTED },
        ...(params.excludeId ? { _id: { $ne: new Types.ObjectId(params.excludeId) } } : {}),
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
