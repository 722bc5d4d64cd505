/**
 * The access domain's outbox job kinds. Every payload names documents of this domain only (no
 * Telegram ids, no texts, no links): the executor reads what it needs when it runs, so a job can
 * check the current state first (is the member still paid? already in the chat?) and an erasure
 * of the member's data leaves nothing personal in the outbox.
 */
export const AccessJobs = {
  /** Creates one personal invite link (once), then settles its delivery. */
  Link: 'access.link',
  /** One message to a member in the bot (links, reminder, grace, end of access...). */
  Message: 'access.message',
  /** Removes a user from a chat: banChatMember, then unbanChatMember only_if_banned. */
  Remove: 'access.remove',
  RevokeLink: 'access.revoke_link',
  /** Approves the payer's join request, or declines someone else's. */
  JoinDecision: 'access.join',
} as const;

export type AccessJobKind = (typeof AccessJobs)[keyof typeof AccessJobs];

export type AccessMessageContent =
  /** `chatIds`: the delivery's chats, so its links are read by id. */
  | { type: 'delivery'; deliveryId: string; chatIds: number[] }
  | { type: 'reminder'; membershipId: string; daysLeft: number }
  | { type: 'grace'; membershipId: string }
  | { type: 'ended'; membershipId: string; reason: 'expired' | 'revoked' }
  | { type: 'link_misused'; linkId: string };

export interface AccessLinkJob {
  linkId: string;
}

export interface AccessMessageJob {
  /** A pseudonymous private-chat rate key (Pseudonyms.privateChatKey): 1 message/s per member. */
  recipientKey: string;
  content: AccessMessageContent;
}

/**
 * A member's removal names the membership and chat (the executor reads the Telegram id from the
 * membership); removing someone without a membership (a stranger, a seller's request) names an
 * `access_removals` document, the only place that person's id is kept.
 */
export type AccessRemoveJob = { membershipId: string; chatId: number } | { removalId: string };

export interface AccessRevokeLinkJob {
  linkId: string;
}

export interface AccessJoinJob {
  decisionId: string;
}

declare module '../../outbox/outbox.types' {
  interface OutboxPayloads {
    [AccessJobs.Link]: AccessLinkJob;
    [AccessJobs.Message]: AccessMessageJob;
    [AccessJobs.Remove]: AccessRemoveJob;
    [AccessJobs.RevokeLink]: AccessRevokeLinkJob;
    [AccessJobs.JoinDecision]: AccessJoinJob;
  }
}
