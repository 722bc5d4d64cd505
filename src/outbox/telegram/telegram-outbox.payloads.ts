/** Payloads of the Telegram actions the outbox performs, in our terms (Dates, camelCase). */

export type ChatRef = number | string;

export type MessageButton = { text: string; url: string } | { text: string; callbackData: string };

export interface MessageButtonRow {
  buttons: MessageButton[];
}

export interface SendMessagePayload {
  chatId: ChatRef;
  text: string;
  parseMode?: 'HTML' | 'MarkdownV2';
  /** Rows of inline buttons (objects, not nested arrays: FerretDB stores no array in an array). */
  buttonRows?: MessageButtonRow[];
  disableLinkPreview?: boolean;
}

export interface CreateInviteLinkPayload {
  chatId: ChatRef;
  /** Shown to admins in the chat's link list (Telegram: up to 32 characters). */
  name?: string;
  memberLimit?: number;
  expiresAt?: Date;
  createsJoinRequest?: boolean;
}

export interface JoinRequestPayload {
  chatId: ChatRef;
  userId: number;
}

export interface BanChatMemberPayload {
  chatId: ChatRef;
  userId: number;
  /** Omitted = for ever. */
  until?: Date;
  revokeMessages?: boolean;
}

export interface UnbanChatMemberPayload {
  chatId: ChatRef;
  userId: number;
  /** Default true: without it, unbanning someone who is in the chat removes them. */
  onlyIfBanned?: boolean;
}

export interface RevokeInviteLinkPayload {
  chatId: ChatRef;
  inviteLink: string;
}

export interface TelegramOutboxPayloads {
  sendMessage: SendMessagePayload;
  createInviteLink: CreateInviteLinkPayload;
  approveJoinRequest: JoinRequestPayload;
  declineJoinRequest: JoinRequestPayload;
  banChatMember: BanChatMemberPayload;
  unbanChatMember: UnbanChatMemberPayload;
  revokeInviteLink: RevokeInviteLinkPayload;
}

export type TelegramOutboxKind = keyof TelegramOutboxPayloads;

/** What a done job's `result` holds, per kind. */
export interface SentMessageResult {
  messageId: number;
  chatId: number;
}

export interface CreatedInviteLinkResult {
  inviteLink: string;
  name?: string;
  expiresAt?: Date;
  memberLimit?: number;
  createsJoinRequest: boolean;
}

/** Approve/decline/ban/unban/revoke: whether Telegram already had it that way. */
export interface ActionResult {
  alreadyDone: boolean;
}
