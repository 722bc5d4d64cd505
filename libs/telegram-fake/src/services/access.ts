import type { FakeCore } from '../core';
import { Errors, badRequest, type TelegramApiError } from '../errors';
import type { BotAccount } from '../state/bots';
import { chatObject, privateChatObject, type ChatRecord, type PrivateDialog } from '../state/chats';
import { effectiveStatus, hasRight, isPresent, type MemberRecord } from '../state/members';
import type { AdminRights, Chat, User } from '../types';

export type Target =
  | { kind: 'private'; chat: Chat; user: User; dialog: PrivateDialog | undefined }
  | { kind: 'group'; chat: Chat; record: ChatRecord; botMember: MemberRecord | undefined };

/** Resolves chat_id the way the Bot API does: numeric id, or @username of a public chat. */
export function resolveTarget(core: FakeCore, bot: BotAccount, chatId: number | string): Target {
  if (typeof chatId === 'string') {
    const record = core.chats.findByUsername(chatId);
    if (!record) {
      throw Errors.chatNotFound();
    }
    return groupTarget(record, bot);
  }
  if (chatId > 0) {
    const user = core.users.get(chatId);
    if (!user) {
      throw Errors.chatNotFound();
    }
    return {
      kind: 'private',
      chat: privateChatObject(user),
      user,
      dialog: core.chats.dialog(bot.id, chatId),
    };
  }
  const record = core.chats.get(chatId);
  if (!record) {
    throw Errors.chatNotFound();
  }
  return groupTarget(record, bot);
}

function groupTarget(record: ChatRecord, bot: BotAccount): Target {
  return { kind: 'group', chat: chatObject(record), record, botMember: record.members.get(bot.id) };
}

/** Can the bot at least see this chat (getChat, getChatMember...)? */
export function requireVisible(core: FakeCore, target: Target): void {
  const now = core.clock.now();
  if (target.kind === 'private') {
    if (!canContact(target.dialog, now)) {
      throw Errors.chatNotFound();
    }
    return;
  }
  const status = effectiveStatus(target.botMember, now);
  if (status === 'kicked') {
    throw Errors.kicked(target.record.type);
  }
  // Public chats can be read by anyone; private ones only by their members.
  if (!isPresent(target.botMember, now) && !target.record.username) {
    throw Errors.chatNotFound();
  }
}

/** May the bot post a message into this chat right now? Mirrors Telegram's 403s. */
export function requireCanSend(core: FakeCore, target: Target): void {
  const now = core.clock.now();
  if (target.kind === 'private') {
    if (target.user.is_bot) {
      throw Errors.cantSendToBots();
    }
    if (target.dialog?.blocked) {
      throw Errors.blocked();
    }
    if (!canContact(target.dialog, now)) {
      throw Errors.cantInitiate();
    }
    return;
  }
  const { record, botMember } = target;
  const status = effectiveStatus(botMember, now);
  if (status === 'kicked') {
    throw Errors.kicked(record.type);
  }
  if (!isPresent(botMember, now)) {
    throw Errors.notMember(record.type);
  }
  if (record.type === 'channel' && !hasRight(botMember, 'can_post_messages', record.type)) {
    throw Errors.needChannelAdmin();
  }
  if (status === 'restricted' && !botMember?.canSendMessages) {
    throw badRequest('not enough rights to send text messages to the chat');
  }
}

/**
 * Administrative methods: the bot must be in the chat and hold `right`. A bot that is not an
 * admin at all gets the same "not enough rights" answer as an admin without the right.
 */
export function requireRight(
  core: FakeCore,
  bot: BotAccount,
  target: Target,
  right: keyof AdminRights,
  error: () => TelegramApiError,
): ChatRecord {
  if (target.kind === 'private') {
    if (right === 'can_invite_users') {
      throw Errors.privateChatInvite();
    }
    throw badRequest('method is available only for supergroups and channel');
  }
  const now = core.clock.now();
  const member = target.record.members.get(bot.id);
  if (effectiveStatus(member, now) === 'kicked') {
    throw Errors.kicked(target.record.type);
  }
  if (!isPresent(member, now) && !target.record.username) {
    throw Errors.chatNotFound();
  }
  if (!hasRight(member, right, target.record.type)) {
    throw error();
  }
  return target.record;
}

export function canContact(dialog: PrivateDialog | undefined, now: number): boolean {
  if (!dialog) {
    return false;
  }
  if (dialog.started) {
    return true;
  }
  return dialog.contactAllowedUntil !== undefined && dialog.contactAllowedUntil > now;
}
