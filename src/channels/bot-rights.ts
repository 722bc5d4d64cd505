/** What the bot must be able to do in a channel: hand out invite links, and remove members. */
export const REQUIRED_BOT_RIGHTS = ['can_invite_users', 'can_restrict_members'] as const;
export type BotRight = (typeof REQUIRED_BOT_RIGHTS)[number];

export const SUPPORTED_CHAT_TYPES = ['channel', 'supergroup'] as const;
export type ChannelChatType = (typeof SUPPORTED_CHAT_TYPES)[number];

export interface BotRightsAssessment {
  /** The bot's ChatMember status: administrator, member, left, kicked... */
  botStatus: string;
  isAdmin: boolean;
  missingRights: BotRight[];
  ok: boolean;
}

/** Judges the bot's ChatMember (or its my_chat_member equivalent) against REQUIRED_BOT_RIGHTS. */
export function assessBotRights(member: {
  status: string;
  rights: Partial<Record<BotRight, boolean>>;
}): BotRightsAssessment {
  const isAdmin = member.status === 'administrator' || member.status === 'creator';
  const missingRights =
    member.status === 'creator'
      ? []
      : REQUIRED_BOT_RIGHTS.filter((right) => !isAdmin || member.rights[right] !== true);
  return { botStatus: member.status, isAdmin, missingRights, ok: missingRights.length === 0 };
}
