/**
 * Events the bot module emits (with `emitAsync`, awaited, so a failing listener fails the update
 * and Telegram re-delivers it). Domains subscribe with `@OnEvent(...)`; the bot never calls into
 * another domain's models.
 */
export const TelegramEvents = {
  /** The bot's own status in a chat changed (my_chat_member): promoted, demoted, removed. */
  BotMembershipChanged: 'telegram.bot_membership_changed',
  /** A user's status in a chat changed (chat_member): joined, left, kicked. */
  ChatMemberChanged: 'telegram.chat_member_changed',
  /** A user asked to join through a join-request link (chat_join_request). */
  JoinRequested: 'telegram.join_requested',
} as const;

export interface BotMembershipChangedEvent {
  chatId: number;
  chatTitle?: string;
  status: 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';
  canInviteUsers: boolean;
  canRestrictMembers: boolean;
  at: Date;
}

export interface ChatMemberChangedEvent {
  chatId: number;
  userId: number;
  oldStatus: string;
  newStatus: string;
  /** The invite link used to join, when Telegram reports it. */
  inviteLink?: string;
  /** End of the member's paid Star subscription period (ChatMemberMember.until_date). */
  untilDate?: Date;
  /** When the invite link is a Star subscription link: its terms and its name. */
  subscription?: { priceStars: number; periodSeconds: number; linkName?: string };
  at: Date;
}

export interface JoinRequestedEvent {
  chatId: number;
  userId: number;
  /** The private chat with the user, usable for 5 minutes to message them. */
  userChatId: number;
  inviteLink?: string;
  at: Date;
}
