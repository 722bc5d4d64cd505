/** Who a Telegram update came from, as the bot saw them. */
export interface TelegramProfile {
  telegramUserId: number;
  username?: string;
  firstName?: string;
  lastName?: string;
  languageCode?: string;
}

export interface TelegramUserRecord extends TelegramProfile {
  firstSeenAt: Date;
  lastSeenAt: Date;
  blockedBot: boolean;
  blockedBotAt?: Date;
}

/** A user's current platform ban (their latest ledger entry is a ban). */
export interface ActiveBan {
  telegramUserId: number;
  /** Ledger position of the ban: names this ban (its notice is sent once per ban). */
  seq: number;
  bannedAt: Date;
  bannedBy: string;
  reason?: string;
}

/** What the admin API shows: the registry entry (if the user ever wrote to the bot) and the ban. */
export interface TelegramUserView {
  telegramUserId: number;
  username: string | null;
  firstName: string | null;
  lastName: string | null;
  languageCode: string | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  blockedBot: boolean;
  banned: boolean;
  bannedAt: Date | null;
  bannedBy: string | null;
  banReason: string | null;
}

export interface TelegramUserPage {
  items: TelegramUserView[];
  total: number;
  limit: number;
  offset: number;
}
