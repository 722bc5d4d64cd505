import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { TelegramUserRepository } from './telegram-user.repository';
import type { UpdateActor } from './update-actor';
import { UserBansService } from './user-bans.service';
import type {
  ActiveBan,
  TelegramProfile,
  TelegramUserPage,
  TelegramUserRecord,
  TelegramUserView,
} from './users.types';

/** lastSeenAt is refreshed at most this often per user, so a chatty user costs few writes. */
export const LAST_SEEN_WRITE_EVERY_MS = 5 * 60_000;
const CACHE_LIMIT = 50_000;

export interface UsersOverview {
  total: number;
  blockedBot: number;
  banned: number;
}

/**
 * The Telegram users registry: who talked to the bot, when, whether they block it, and whether
 * the platform bans them. Other domains ask `isBanned()`; the admin API lists and bans.
 */
@Injectable()
export class UsersService {
  /** What this instance last wrote per user, to skip writes that would change nothing. */
  private readonly written = new Map<number, { fingerprint: string; atMs: number }>();

  constructor(
    private readonly users: TelegramUserRepository,
    private readonly bans: UserBansService,
    private readonly clock: Clock,
  ) {}

  /**
   * Records that the user was seen: at most one write, and none when the profile is unchanged
   * and lastSeenAt was written less than LAST_SEEN_WRITE_EVERY_MS ago by this instance.
   */
  async recordSeen(actor: Pick<UpdateActor, 'profile' | 'blockedBot'>): Promise<void> {
    const at = this.clock.now();
    const id = actor.profile.telegramUserId;
    const fingerprint = fingerprintOf(actor.profile);
    const last = this.written.get(id);
    const fresh =
      last !== undefined &&
      last.fingerprint === fingerprint &&
      at.getTime() - last.atMs < LAST_SEEN_WRITE_EVERY_MS;
    if (fresh && actor.blockedBot === undefined) {
      return;
    }
    await this.users.recordSeen({ profile: actor.profile, at, blockedBot: actor.blockedBot });
    this.written.delete(id);
    if (this.written.size >= CACHE_LIMIT) {
      const oldest = this.written.keys().next();
      if (!oldest.done) {
        this.written.delete(oldest.value);
      }
    }
    this.written.set(id, { fingerprint, atMs: at.getTime() });
  }

  /**
   * Privacy: forgets the user's profile. A banned user keeps an entry with the id alone (the ban
   * itself lives in the ledger, which erasure never touches, so a user cannot erase a ban away);
   * anyone else's entry goes whole. Writing to the bot again records them afresh.
   */
  async eraseProfile(telegramUserId: number): Promise<'scrubbed' | 'deleted'> {
    const banned = await this.isBanned(telegramUserId);
    if (banned) {
      await this.users.scrubProfile(telegramUserId);
    } else {
      await this.users.delete(telegramUserId);
    }
    this.written.delete(telegramUserId);
    return banned ? 'scrubbed' : 'deleted';
  }

  /** Telegram refused a message because the user blocked the bot. */
  async markBlockedBot(telegramUserId: number): Promise<void> {
    await this.users.markBlocked(telegramUserId, this.clock.now());
  }

  /**
   * Whether the platform bans this user. Reads the ledger itself (not the bot's short cache):
   * payments ask this before taking money.
   */
  async isBanned(telegramUserId: number): Promise<boolean> {
    return (await this.bans.currentFresh(telegramUserId)) !== undefined;
  }

  async get(telegramUserId: number): Promise<TelegramUserView> {
    const [record, ban] = await Promise.all([
      this.users.findOne(telegramUserId),
      this.bans.currentFresh(telegramUserId),
    ]);
    return toView(telegramUserId, record, ban);
  }

  async list(params: {
    search?: string;
    limit: number;
    offset: number;
  }): Promise<TelegramUserPage> {
    const { items, total } = await this.users.search({
      search: params.search,
      skip: params.offset,
      limit: params.limit,
    });
    const bans = await this.bans.currentOfEach(items.map((u) => u.telegramUserId));
    return {
      items: items.map((u) => toView(u.telegramUserId, u, bans.get(u.telegramUserId))),
      total,
      limit: params.limit,
      offset: params.offset,
    };
  }

  async ban(params: {
    telegramUserId: number;
    by: string;
    reason?: string;
  }): Promise<TelegramUserView> {
    await this.bans.ban(params);
    return this.get(params.telegramUserId);
  }

  async unban(params: { telegramUserId: number; by: string }): Promise<TelegramUserView> {
    await this.bans.unban(params);
    return this.get(params.telegramUserId);
  }

  async overview(): Promise<UsersOverview> {
    const [total, blockedBot, banned] = await Promise.all([
      this.users.count(),
      this.users.count({ blockedBot: true }),
      this.bans.bannedUserIds(),
    ]);
    return { total, blockedBot, banned: banned.length };
  }
}

function fingerprintOf(profile: TelegramProfile): string {
  return JSON.stringify([
    profile.username,
    profile.firstName,
    profile.lastName,
    profile.languageCode,
  ]);
}

function toView(
  telegramUserId: number,
  record: TelegramUserRecord | undefined,
  ban: ActiveBan | undefined,
): TelegramUserView {
  return {
    telegramUserId,
    username: record?.username ?? null,
    firstName: record?.firstName ?? null,
    lastName: record?.lastName ?? null,
    languageCode: record?.languageCode ?? null,
    firstSeenAt: record?.firstSeenAt ?? null,
    lastSeenAt: record?.lastSeenAt ?? null,
    blockedBot: record?.blockedBot ?? false,
    banned: ban !== undefined,
    bannedAt: ban?.bannedAt ?? null,
    bannedBy: ban?.bannedBy ?? null,
    banReason: ban?.reason ?? null,
  };
}
