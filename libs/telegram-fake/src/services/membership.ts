import type { FakeCore } from '../core';
import type { ChatRecord } from '../state/chats';
import { toChatInviteLink, type InviteLinkRecord } from '../state/invite-links';
import { isPresent, toChatMember, type MemberRecord } from '../state/members';
import type { ChatInviteLink, ChatMember, User } from '../types';
import { deliverMemberChange } from './fanout';
import { postGroupMessage } from './messages';

export interface MemberChangeOptions {
  /** Who made the change: the user themselves (join/leave), an admin, or a bot. */
  actor: User;
  inviteLink?: InviteLinkRecord;
  viaJoinRequest?: boolean;
  /** Seeding changes state without producing updates or service messages. */
  silent?: boolean;
}

export interface MemberChangeResult {
  old_chat_member: ChatMember;
  new_chat_member: ChatMember;
  changed: boolean;
}

/**
 * The single place membership changes, so every path (invite link, join request approval, ban,
 * leave, admin add, bot promotion) produces the same side effects as on Telegram:
 * - invite-link slots are taken on join and freed on leave;
 * - my_chat_member / chat_member updates are sent;
 * - groups and supergroups get new_chat_members / left_chat_member service messages.
 */
export function changeMember(
  core: FakeCore,
  record: ChatRecord,
  userId: number,
  next: MemberRecord | undefined,
  options: MemberChangeOptions,
): MemberChangeResult {
  const now = core.clock.now();
  const user = core.users.require(userId);
  const previous = record.members.get(userId);
  const oldMember = toChatMember(previous, user, record.type, now);
  const wasPresent = isPresent(previous, now);

  if (next) {
    record.members.set(userId, next);
  } else {
    record.members.delete(userId);
  }
  const nowPresent = isPresent(next, now);

  if (!nowPresent) {
    core.links.releaseMember(record.id, userId);
  }
  if (nowPresent && !wasPresent && options.inviteLink) {
    options.inviteLink.members.add(userId);
  }
  if (nowPresent) {
    record.joinRequests.delete(userId);
  }

  const newMember = toChatMember(next, user, record.type, now);
  const changed = JSON.stringify(oldMember) !== JSON.stringify(newMember);
  if (changed && !options.silent) {
    deliverMemberChange(core, record, user, oldMember, newMember, {
      actor: options.actor,
      inviteLink: options.inviteLink ? linkObject(core, options.inviteLink) : undefined,
      viaJoinRequest: options.viaJoinRequest,
    });
    if (record.type !== 'channel') {
      if (nowPresent && !wasPresent) {
        postGroupMessage(core, record, { from: options.actor, new_chat_members: [user] }, true);
      } else if (wasPresent && !nowPresent) {
        postGroupMessage(core, record, { from: options.actor, left_chat_member: user }, true);
      }
    }
  }
  core.changed();
  return { old_chat_member: oldMember, new_chat_member: newMember, changed };
}

export function linkObject(core: FakeCore, link: InviteLinkRecord): ChatInviteLink {
  const record = core.chats.get(link.chatId);
  const pending = record
    ? [...record.joinRequests.values()].filter((r) => r.inviteLink === link.link).length
    : 0;
  return toChatInviteLink(link, core.users.require(link.creatorId), pending);
}
