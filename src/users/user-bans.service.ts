import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { OutboxService } from '../outbox/outbox.service';
import { BanEntry, TelegramUserBanRepository } from './telegram-user-ban.repository';
import { BAN_NOTICE_TEXT } from './users.texts';
import type { ActiveBan } from './users.types';

/**
 * How long an instance trusts what it last read about a user's ban. A ban given on this instance
 * applies at once; other instances see it within this time. It keeps the bot's hot path to one
 * read per user per window instead of one per update.
 */
export const BAN_CACHE_MS = 10_000;
const CACHE_LIMIT = 50_000;
const APPEND_RETRIES = 10;

/**
 * Platform-wide bans over the append-only ledger (see TelegramUserBan): the latest entry of a
 * user is their state, and appending is the only write.
 */
@Injectable()
export class UserBansService {
  private readonly cache = new Map<number, { ban: ActiveBan | undefined; readAtMs: number }>();
  private readonly noticed = new Set<string>();

  constructor(
    private readonly ledger: TelegramUserBanRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** The current ban, read through the short cache (the bot's update gate calls this). */
  async current(telegramUserId: number): Promise<ActiveBan | undefined> {
    const nowMs = this.clock.now().getTime();
    const cached = this.cache.get(telegramUserId);
    if (cached && nowMs - cached.readAtMs < BAN_CACHE_MS) {
      return cached.ban;
    }
    const ban = activeBan(await this.ledger.latest(telegramUserId));
    this.remember(telegramUserId, ban, nowMs);
    return ban;
  }

  /** Straight from the ledger: for decisions that must not be a few seconds late (payments). */
  async currentFresh(telegramUserId: number): Promise<ActiveBan | undefined> {
    const ban = activeBan(await this.ledger.latest(telegramUserId));
    this.remember(telegramUserId, ban, this.clock.now().getTime());
    return ban;
  }

  async currentOfEach(telegramUserIds: number[]): Promise<Map<number, ActiveBan>> {
    const latest = await this.ledger.latestOfEach(telegramUserIds);
    const bans = new Map<number, ActiveBan>();
    for (const [id, entry] of latest) {
      const ban = activeBan(entry);
      if (ban) {
        bans.set(id, ban);
      }
    }
    return bans;
  }

  bannedUserIds(): Promise<number[]> {
    return this.ledger.bannedUserIds();
  }

  /** Idempotent: banning a banned user returns the ban in force unchanged. */
  async ban(params: { telegramUserId: number; by: string; reason?: string }): Promise<ActiveBan> {
    const entry = await this.append(params.telegramUserId, (latest) =>
      latest?.action === 'ban'
        ? undefined
        : { action: 'ban', by: params.by, ...(params.reason ? { reason: params.reason } : {}) },
    );
    return activeBan(entry)!;
  }

  /** Idempotent: unbanning someone who is not banned changes nothing. */
  async unban(params: { telegramUserId: number; by: string }): Promise<void> {
    await this.append(params.telegramUserId, (latest) =>
      latest?.action === 'ban' ? { action: 'unban', by: params.by } : undefined,
    );
  }

  /**
   * Tells a banned user, once per ban, why the bot no longer answers. The outbox job's unique key
   * (`ban-notice:<user>:<seq>`) is the durable record that it was sent; the in-memory set only
   * saves the bot a colliding insert on every further update.
   */
  async noticeOnce(ban: ActiveBan): Promise<void> {
    const key = `ban-notice:${ban.telegramUserId}:${ban.seq}`;
    if (this.noticed.has(key)) {
      return;
    }
    await this.outbox.enqueue({
      kind: 'sendMessage',
      payload: { chatId: ban.telegramUserId, text: BAN_NOTICE_TEXT },
      idempotencyKey: key,
    });
    if (this.noticed.size >= CACHE_LIMIT) {
      this.noticed.clear();
    }
    this.noticed.add(key);
  }

  private async append(
    telegramUserId: number,
    decide: (
      latest: BanEntry | undefined,
    ) => Pick<BanEntry, 'action' | 'by' | 'reason'> | undefined,
  ): Promise<BanEntry | undefined> {
    for (let attempt = 0; attempt < APPEND_RETRIES; attempt += 1) {
      const latest = await this.ledger.latest(telegramUserId);
      const next = decide(latest);
      if (!next) {
        this.remember(telegramUserId, activeBan(latest), this.clock.now().getTime());
        return latest;
      }
      const entry: BanEntry = {
        telegramUserId,
        seq: (latest?.seq ?? 0) + 1,
        at: this.clock.now(),
        ...next,
      };
      if (await this.ledger.append(entry)) {
        this.remember(telegramUserId, activeBan(entry), entry.at.getTime());
        return entry;
      }
    }
    throw new Error(`Could not record a ban change for ${telegramUserId}: too much contention`);
  }

  private remember(telegramUserId: number, ban: ActiveBan | undefined, readAtMs: number): void {
    this.cache.delete(telegramUserId);
    if (this.cache.size >= CACHE_LIMIT) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) {
        this.cache.delete(oldest.value);
      }
    }
    this.cache.set(telegramUserId, { ban, readAtMs });
  }
}

function activeBan(entry: BanEntry | undefined): ActiveBan | undefined {
  if (!entry || entry.action !== 'ban') {
    return undefined;
  }
  return {
    telegramUserId: entry.telegramUserId,
    seq: entry.seq,
    bannedAt: entry.at,
    bannedBy: entry.by,
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
}
