import type { AdminRights, ChatMember, ChatMemberStatus, ChatType, User } from '../types';

/** How a member got in, kept so invite-link slots can be freed when they leave. */
export interface MemberRecord {
  userId: number;
  status: ChatMemberStatus;
  rights?: AdminRights;
  /** Ban end or subscription end (Unix seconds); 0 / undefined = forever. */
  untilDate?: number;
  /** Restricted members can still be in the chat (is_member). */
  isMember?: boolean;
  canSendMessages?: boolean;
  customTitle?: string;
  joinedViaLink?: string;
}

export type AdminRightsInput = Partial<AdminRights>;

/**
 * Fills in the rights a fresh administrator gets from the Telegram client when promoted with
 * defaults, then applies the caller's overrides. Channel-only and supergroup-only rights are
 * present only for the matching chat type, as in real ChatMemberAdministrator objects.
 */
export function adminRights(type: ChatType, input: AdminRightsInput = {}): AdminRights {
  const rights: AdminRights = {
    is_anonymous: input.is_anonymous ?? false,
    can_manage_chat: input.can_manage_chat ?? true,
    can_delete_messages: input.can_delete_messages ?? true,
    can_manage_video_chats: input.can_manage_video_chats ?? true,
    can_restrict_members: input.can_restrict_members ?? true,
    can_promote_members: input.can_promote_members ?? false,
    can_change_info: input.can_change_info ?? true,
    can_invite_users: input.can_invite_users ?? true,
    can_post_stories: input.can_post_stories ?? true,
    can_edit_stories: input.can_edit_stories ?? true,
    can_delete_stories: input.can_delete_stories ?? true,
  };
  if (type === 'channel') {
    rights.can_post_messages = input.can_post_messages ?? true;
    rights.can_edit_messages = input.can_edit_messages ?? true;
  } else {
    rights.can_pin_messages = input.can_pin_messages ?? true;
  }
  if (type === 'supergroup') {
    rights.can_manage_topics = input.can_manage_topics ?? true;
  }
  return rights;
}

/** All rights: what the chat owner implicitly has. */
export function ownerRights(type: ChatType): AdminRights {
  return adminRights(type, {
    can_promote_members: true,
    can_manage_topics: true,
    can_post_messages: true,
    can_edit_messages: true,
  });
}

/** Temporary bans end by themselves; Telegram then reports the user as "left". */
export function effectiveStatus(record: MemberRecord | undefined, now: number): ChatMemberStatus {
  if (!record) {
    return 'left';
  }
  if (
    (record.status === 'kicked' || record.status === 'restricted') &&
    record.untilDate &&
    record.untilDate <= now
  ) {
    return record.status === 'kicked' || !record.isMember ? 'left' : 'member';
  }
  return record.status;
}

/** "Is in the chat" in Telegram's sense: creator, admin, member or restricted-but-member. */
export function isPresent(record: MemberRecord | undefined, now: number): boolean {
  const status = effectiveStatus(record, now);
  if (status === 'restricted') {
    return record?.isMember === true;
  }
  return status === 'creator' || status === 'administrator' || status === 'member';
}

export function isAdmin(record: MemberRecord | undefined): boolean {
  return record?.status === 'creator' || record?.status === 'administrator';
}

export function hasRight(
  record: MemberRecord | undefined,
  right: keyof AdminRights,
  type: ChatType,
): boolean {
  if (record?.status === 'creator') {
    return true;
  }
  if (record?.status !== 'administrator') {
    return false;
  }
  const rights = record.rights ?? adminRights(type);
  return rights[right] === true;
}

export function toChatMember(
  record: MemberRecord | undefined,
  user: User,
  type: ChatType,
  now: number,
  viewerIsOwner = false,
): ChatMember {
  const status = effectiveStatus(record, now);
  switch (status) {
    case 'creator':
      return {
        status,
        user,
        is_anonymous: record?.rights?.is_anonymous ?? false,
        ...(record?.customTitle ? { custom_title: record.customTitle } : {}),
      };
    case 'administrator':
      return {
        status,
        user,
        can_be_edited: viewerIsOwner,
        ...(record?.rights ?? adminRights(type)),
        ...(record?.customTitle ? { custom_title: record.customTitle } : {}),
      };
    case 'member':
      return {
        status,
        user,
        ...(record?.untilDate && record.status === 'member'
          ? { until_date: record.untilDate }
          : {}),
      };
    case 'restricted': {
      const allowed = record?.canSendMessages ?? false;
      return {
        status,
        user,
        is_member: record?.isMember ?? false,
        can_send_messages: allowed,
        can_send_audios: allowed,
        can_send_documents: allowed,
        can_send_photos: allowed,
        can_send_videos: allowed,
        can_send_video_notes: allowed,
        can_send_voice_notes: allowed,
        can_send_polls: allowed,
        can_send_other_messages: allowed,
        can_add_web_page_previews: allowed,
        can_change_info: false,
        can_invite_users: allowed,
        can_pin_messages: false,
        can_manage_topics: false,
        until_date: record?.untilDate ?? 0,
      };
    }
    case 'kicked':
      return { status, user, until_date: record?.untilDate ?? 0 };
    case 'left':
      return { status, user };
  }
}
