import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AdminLoginCode } from './schemas/admin-login-code.schema';

export interface LoginCodeRecord {
  id: string;
  telegramId: number;
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
}

@Injectable()
export class AdminLoginCodeRepository {
  constructor(@InjectModel(AdminLoginCode.name) private readonly model: Model<AdminLoginCode>) {}

  async insert(code: LoginCodeRecord): Promise<void> {
    const { id, ...rest } = code;
    await this.model.create({ _id: id, ...rest });
  }

  /** The Telegram id's newest code: asking for a new code retires the older ones. */
  async latest(telegramId: number): Promise<LoginCodeRecord | undefined> {
    const doc = await this.model.findOne({ telegramId }).sort({ createdAt: -1, _id: -1 }).lean();
    if (!doc) {
      return undefined;
    }
    const { _id, ...rest } = doc;
    return { id: _id, ...rest };
  }

  async purgeExpiredBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ expiresAt: { $lt: before } });
    return deletedCount;
  }
}
