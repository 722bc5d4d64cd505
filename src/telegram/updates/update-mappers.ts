import type {
  Chat,
  ChatInviteLink,
  ChatJoinRequest,
  ChatMember,
  ChatMemberUpdated,
} from 'telegraf/types';
import type {
  BotMembershipChangedEvent,
  ChatMemberChangedEvent,
  JoinRequestedEvent,
} from '../telegram.events';

/** Telegram dates are Unix seconds; ours are UTC Dates. */
function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

function chatTitle(chat: Chat): string | undefined {
  return 'title' in chat ? chat.title : undefined;
}

function right(member: ChatMember, name: 'can_invite_users' | 'can_restrict_members'): boolean {
  if (member.status === 'creator') {
    return true;
  }
  return member.status === 'administrator' ? member[name] : false;
}

export function toBotMembershipChanged(update: ChatMemberUpdated): BotMembershipChangedEvent {
  const member = update.new_chat_member;
  return {
    chatId: update.chat.id,
    chatTitle: chatTitle(update.chat),
    status: member.status,
    canInviteUsers: right(member, 'can_invite_users'),
    canRestrictMembers: right(member, 'can_restrict_members'),
    at: fromUnix(update.date),
  };
}

/** Bot API 7.9 fields that telegraf 4.16's typings predate. */
interface SubscriptionFields {
  member: { until_date?: number };
  link: { subscription_period?: number; subscription_price?: number };
}

export function toChatMemberChanged(update: ChatMemberUpdated): ChatMemberChangedEvent {
  const member: ChatMember & SubscriptionFields['member'] = update.new_chat_member;
  const link: (ChatInviteLink & SubscriptionFields['link']) | undefined = update.invite_link;
  return {
    chatId: update.chat.id,
    userId: member.user.id,
    oldStatus: update.old_chat_member.status,
    newStatus: member.status,
    inviteLink: link?.invite_link,
    ...(member.status === 'member' && member.until_date
      ? { untilDate: fromUnix(member.until_date) }
      : {}),
    ...(link?.subscription_period
      ? {
          subscription: {
            priceStars: link.subscription_price ?? 0,
            periodSeconds: link.subscription_period,
            ...(link.name ? { linkName: link.name } : {}),
          },
        }
      : {}),
    at: fromUnix(update.date),
  };
}

export function toJoinRequested(request: ChatJoinRequest): JoinRequestedEvent {
  return {
    chatId: request.chat.id,
    userId: request.from.id,
    userChatId: request.user_chat_id,
    inviteLink: request.invite_link?.invite_link,
    at: fromUnix(request.date),
  };
}
