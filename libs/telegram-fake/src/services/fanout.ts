import type { FakeCore } from '../core';
import type { BotAccount } from '../state/bots';
import { chatObject, type ChatRecord } from '../state/chats';
import { isAdmin, isPresent, type MemberRecord } from '../state/members';
import type { ChatInviteLink, ChatMember, ChatMemberUpdated, Message, User } from '../types';

/** Bots that are currently in the chat, with their membership. */
export function botsInChat(
  core: FakeCore,
  record: ChatRecord,
): Array<{ bot: BotAccount; member: MemberRecord }> {
  const now = core.clock.now();
  const result: Array<{ bot: BotAccount; member: MemberRecord }> = [];
  for (const bot of core.bots.all()) {
    const member = record.members.get(bot.id);
    if (member && isPresent(member, now)) {
      result.push({ bot, member });
    }
  }
  return result;
}

/**
 * A user's message in a group reaches bots the way Telegram's privacy mode decides: admins and
 * bots with privacy off see everything; others see commands meant for them, replies to their own
 * messages, and service messages. Channels produce channel_post for admin bots only.
 */
export function deliverGroupMessage(
  core: FakeCore,
  record: ChatRecord,
  message: Message,
  service: boolean,
): void {
  for (const { bot, member } of botsInChat(core, record)) {
    if (message.from?.id === bot.id) {
      continue;
    }
    if (record.type === 'channel') {
      if (isAdmin(member)) {
        core.enqueue(bot, 'channel_post', message);
      }
      continue;
    }
    if (service || isAdmin(member) || !bot.privacyMode || addressedTo(bot, message)) {
      core.enqueue(bot, 'message', message);
    }
  }
}

function addressedTo(bot: BotAccount, message: Message): boolean {
  if (message.reply_to_message?.from?.id === bot.id) {
    return true;
  }
  const text = message.text ?? message.caption ?? '';
  const entities = message.entities ?? message.caption_entities ?? [];
  return entities.some((entity) => {
    if (entity.type !== 'bot_command') {
      return false;
    }
    const command = text.slice(entity.offset, entity.offset + entity.length);
    const at = command.indexOf('@');
    return at < 0 || command.slice(at + 1).toLowerCase() === bot.user.username?.toLowerCase();
  });
}

export interface MemberUpdateExtras {
  actor: User;
  inviteLink?: ChatInviteLink;
  viaJoinRequest?: boolean;
}

/**
 * A membership changed: the bot concerned gets my_chat_member; every administrator bot gets
 * chat_member (if its allowed_updates ask for it, which core.enqueue checks).
 */
export function deliverMemberChange(
  core: FakeCore,
  record: ChatRecord,
  subject: User,
  oldMember: ChatMember,
  newMember: ChatMember,
  extras: MemberUpdateExtras,
): void {
  const payload: ChatMemberUpdated = {
    chat: chatObject(record),
    from: extras.actor,
    date: core.clock.now(),
    old_chat_member: oldMember,
    new_chat_member: newMember,
    ...(extras.inviteLink ? { invite_link: extras.inviteLink } : {}),
    ...(extras.viaJoinRequest ? { via_join_request: true } : {}),
  };
  const subjectBot = subject.is_bot ? core.bots.get(subject.id) : undefined;
  if (subjectBot) {
    core.enqueue(subjectBot, 'my_chat_member', payload);
  }
  for (const { bot, member } of botsInChat(core, record)) {
    if (bot.id === subject.id || !isAdmin(member)) {
      continue;
    }
    core.enqueue(bot, 'chat_member', payload);
  }
}
