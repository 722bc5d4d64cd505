import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { BanAction, TelegramUserBan } from './schemas/telegram-user-ban.schema';

export interface BanEntry {
  telegramUserId: number;
  seq: number;
  action: BanAction;
  by: string;
  reason?: string;
  at: Date;
}

@Injectable()
export class TelegramUserBanRepository {
  constructor(@InjectModel(TelegramUserBan.name) private readonly model: Model<TelegramUserBan>) {}

  async latest(telegramUserId: number): Promise<BanEntry | undefined> {
    const doc = await this.model.findOne({ telegramUserId }).sort({ seq: -1 }).lean();
    return doc ? toEntry(doc) : undefined;
  }

  /** The latest entry of each of these users. */
  async latestOfEach(telegramUserIds: number[]): Promise<Map<number, BanEntry>> {
    const latest = new Map<number, BanEntry>();
    if (telegramUserIds.length === 0) {
      return latest;
    }
    const docs = await this.model
      .find({ telegramUserId: { $in: telegramUserIds } })
      .sort({ telegramUserId: 1, seq: -1 })
      .lean();
    for (const doc of docs) {
      if (!latest.has(doc.telegramUserId)) {
        latest.set(doc.telegramUserId, toEntry(doc));
      }
    }
    return latest;
  }

  /** Users whose latest entry is a ban (the ledger is small: one entry per admin action). */
  async bannedUserIds(): Promise<number[]> {
    const docs = await this.model
      .find({})
      .sort({ telegramUserId: 1, seq: -1 })
      .select({ telegramUserId: 1, action: 1 })
      .lean();
    const seen = new Set<number>();
    const banned: number[] = [];
    for (const doc of docs) {
      if (!seen.has(doc.telegramUserId)) {
        seen.add(doc.telegramUserId);
        if (doc.action === 'ban') {
          banned.push(doc.telegramUserId);
        }
      }
    }
    return banned;
  }

  /** Appends at `entry.seq`; false when another action took that position first. */
  async append(entry: BanEntry): Promise<boolean> {
    try {
      await this.model.create({ _id: `${entry.telegramUserId}:${entry.seq}`, ...entry });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }
}

function toEntry(doc: TelegramUserBan): BanEntry {
  return {
    telegramUserId: doc.telegramUserId,
    seq: doc.seq,
    action: doc.action,
    by: doc.by,
    reason: doc.reason,
    at: doc.at,
  };
}
