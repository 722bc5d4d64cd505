import type { ChatType } from './types';

/**
 * An error the Bot API reports in its `{ ok: false }` envelope. Method handlers throw it;
 * the HTTP layer turns it into a response whose HTTP status equals `error_code`, as Telegram does.
 */
export class TelegramApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
    this.name = 'TelegramApiError';
  }

  toResponse(): {
    ok: false;
    error_code: number;
    description: string;
    parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  } {
    return {
      ok: false,
      error_code: this.error_code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

/** Misuse of a test driver (unknown user id, bad arguments): a bug in the test, not Telegram. */
export class FakeDriverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FakeDriverError';
  }
}

export const badRequest = (text: string): TelegramApiError =>
  new TelegramApiError(400, `Bad Request: ${text}`);

export const forbidden = (text: string): TelegramApiError =>
  new TelegramApiError(403, `Forbidden: ${text}`);

export const tooManyRequests = (retryAfter: number): TelegramApiError =>
  new TelegramApiError(429, `Too Many Requests: retry after ${retryAfter}`, {
    retry_after: retryAfter,
  });

/** Descriptions Telegram uses, collected so every method words them identically. */
export const Errors = {
  unauthorized: () => new TelegramApiError(401, 'Unauthorized'),
  methodNotFound: () => new TelegramApiError(404, 'Not Found: method not found'),
  chatNotFound: () => badRequest('chat not found'),
  userNotFound: () => badRequest('user not found'),
  chatIdEmpty: () => badRequest('chat_id is empty'),
  textEmpty: () => badRequest('message text is empty'),
  textTooLong: () => badRequest('message is too long'),
  required: (name: string) => badRequest(`parameter "${name}" is required`),
  invalidParam: (name: string) => badRequest(`invalid ${name} specified`),
  blocked: () => forbidden('bot was blocked by the user'),
  cantInitiate: () => forbidden("bot can't initiate conversation with a user"),
  cantSendToBots: () => forbidden("bot can't send messages to bots"),
  notMember: (type: ChatType) => forbidden(`bot is not a member of the ${kind(type)} chat`),
  kicked: (type: ChatType) => forbidden(`bot was kicked from the ${kind(type)} chat`),
  needChannelAdmin: () => badRequest('need administrator rights in the channel chat'),
  rightsInviteLinks: () => badRequest('not enough rights to manage chat invite link'),
  rightsRestrict: () => badRequest('not enough rights to restrict/unrestrict chat member'),
  rightsTopics: () => badRequest('not enough rights to create a topic'),
  chatAdminRequired: () => badRequest('CHAT_ADMIN_REQUIRED'),
  rightsJoinRequests: () => badRequest('not enough rights to manage chat join requests'),
  privateStatusChange: () => badRequest("chat member status can't be changed in private chats"),
  supergroupOnly: () => badRequest('method is available for supergroup and channel chats only'),
  cantRemoveOwner: () => badRequest("can't remove chat owner"),
  userIsAdmin: () => badRequest('user is an administrator of the chat'),
  privateChatInvite: () => badRequest("can't invite members to a private chat"),
  memberLimitWithJoinRequest: () =>
    badRequest("member limit can't be specified for links requiring administrator approval"),
  subscriptionWithRestrictions: () =>
    badRequest("subscription plan can't be specified for links with additional restrictions"),
  inviteHashExpired: () => badRequest('INVITE_HASH_EXPIRED'),
  inviteHashInvalid: () => badRequest('INVITE_HASH_INVALID'),
  userAlreadyParticipant: () => badRequest('USER_ALREADY_PARTICIPANT'),
  hideRequesterMissing: () => badRequest('HIDE_REQUESTER_MISSING'),
  channelPrivate: () => badRequest('CHANNEL_PRIVATE'),
  messageToEditNotFound: () => badRequest('message to edit not found'),
  messageNotModified: () =>
    badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    ),
  messageCantBeEdited: () => badRequest("message can't be edited"),
  queryTooOld: () =>
    badRequest('query is too old and response timeout expired or query ID is invalid'),
  threadNotFound: () => badRequest('message thread not found'),
  notAForum: () => badRequest('the chat is not a forum'),
  conflictWebhook: () =>
    new TelegramApiError(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ),
  conflictPolling: () =>
    new TelegramApiError(
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ),
};

function kind(type: ChatType): string {
  return type === 'private' ? 'private' : type;
}
