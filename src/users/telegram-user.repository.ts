import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { TelegramUser } from './schemas/telegram-user.schema';
import type { TelegramProfile, TelegramUserRecord } from './users.types';

const PROFILE_FIELDS = ['username', 'firstName', 'lastName', 'languageCode'] as const;

@Injectable()
export class TelegramUserRepository {
  constructor(@InjectModel(TelegramUser.name) private readonly model: Model<TelegramUser>) {}

  /**
   * One write: creates the user on first sight, otherwise refreshes the profile and lastSeenAt
   * (and the blocked flag when the update said something about it).
   */
  async recordSeen(params: {
    profile: TelegramProfile;
    at: Date;
    blockedBot?: boolean;
  }): Promise<void> {
    const { profile, at, blockedBot } = params;
    const set: Record<string, unknown> = { lastSeenAt: at };
    const unset: Record<string, 1> = {};
    for (const field of PROFILE_FIELDS) {
      if (profile[field] === undefined) {
        unset[field] = 1;
      } else {
        set[field] = profile[field];
      }
    }
    const onInsert: Record<string, unknown> = { firstSeenAt: at };
    if (blockedBot === undefined) {
      onInsert.blockedBot = false;
    } else {
      set.blockedBot = blockedBot;
      set.blockedBotAt = at;
    }
    const update = {
      $set: set,
      $setOnInsert: onInsert,
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    };
    const filter = { telegramUserId: profile.telegramUserId };
    try {
      await this.model.updateOne(filter, update, { upsert: true });
    } catch (error) {
      // Two first sightings at once: the other one created the user; update it instead.
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      await this.model.updateOne(filter, update);
    }
  }

  /** Only for users already known (a failed send to a stranger creates nobody). */
  async markBlocked(telegramUserId: number, at: Date): Promise<void> {
    await this.model.updateOne(
      { telegramUserId, blockedBot: false },
      { $set: { blockedBot: true, blockedBotAt: at } },
    );
  }

  /** Privacy: the user's entry goes whole. */
  async delete(telegramUserId: number): Promise<void> {
    await this.model.deleteOne({ telegramUserId });
  }

  /** Privacy: keeps the id and the dates (a banned user's record) and drops the profile. */
  async scrubProfile(telegramUserId: number): Promise<void> {
    const unset = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, 1 as const]));
    await this.model.updateOne({ telegramUserId }, { $unset: unset });
  }

  async findOne(telegramUserId: number): Promise<TelegramUserRecord | undefined> {
    const doc = await this.model.findOne({ telegramUserId }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  async findMany(telegramUserIds: number[]): Promise<TelegramUserRecord[]> {
    if (telegramUserIds.length === 0) {
      return [];
    }
    const docs = await this.model.find({ telegramUserId: { $in: telegramUserIds } }).lean();
    return docs.map(toRecord);
  }

  /** By exact id, or by a case-insensitive part of the username or name; newest first. */
  async search(params: {
    search?: string;
    skip: number;
    limit: number;
  }): Promise<{ items: TelegramUserRecord[]; total: number }> {
    const filter = searchFilter(params.search);
    const [docs, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ lastSeenAt: -1, telegramUserId: 1 })
        .skip(params.skip)
        .limit(params.limit)
        .lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: docs.map(toRecord), total };
  }

  count(filter: { blockedBot?: boolean } = {}): Promise<number> {
    return this.model.countDocuments(filter.blockedBot === undefined ? {} : filter);
  }
}

function searchFilter(search: string | undefined): FilterQuery<TelegramUser> {
  const text = search?.trim().replace(/^@/, '');
  if (!text) {
    return {};
  }
  const pattern = new RegExp(escapeRegExp(text), 'i');
  const or: FilterQuery<TelegramUser>[] = [
    { username: pattern },
    { firstName: pattern },
    { lastName: pattern },
  ];
  if (/^\d{1,16}$/.test(text)) {
    or.unshift({ telegramUserId: Number(text) });
  }
  return { $or: or };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function toRecord(doc: TelegramUser): TelegramUserRecord {
  return {
    telegramUserId: doc.telegramUserId,
    username: doc.username,
    firstName: doc.firstName,
    lastName: doc.lastName,
    languageCode: doc.languageCode,
    firstSeenAt: doc.firstSeenAt,
    lastSeenAt: doc.lastSeenAt,
    blockedBot: doc.blockedBot,
    blockedBotAt: doc.blockedBotAt,
  };
}
