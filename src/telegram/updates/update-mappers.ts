import type { Chat, ChatJoinRequest, ChatMember, ChatMemberUpdated } from 'telegraf/types';
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

export function toChatMemberChanged(update: ChatMemberUpdated): ChatMemberChangedEvent {
  return {
    chatId: update.chat.id,
    userId: update.new_chat_member.user.id,
    oldStatus: update.old_chat_member.status,
    newStatus: update.new_chat_member.status,
    inviteLink: update.invite_link?.invite_link,
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
