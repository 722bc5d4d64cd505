import type { FakeCore } from '../core';
import { Errors, FakeDriverError, type TelegramApiError } from '../errors';
import { botsInChat } from '../services/fanout';
import { changeMember, linkObject } from '../services/membership';
import { chatObject } from '../state/chats';
import { effectiveStatus, hasRight, isPresent } from '../state/members';
import type { ChatJoinRequest, ChatMember } from '../types';
import type { BotRef } from './driver-base';
import type { BotMembership } from './seed.drivers';
import { UserDrivers } from './user.drivers';

export type JoinOutcome =
  | { ok: true; outcome: 'joined'; chatId: number; member: ChatMember }
  | {
      ok: true;
      outcome: 'join_request';
      chatId: number;
      request: ChatJoinRequest;
      alreadyPending: boolean;
    }
  | { ok: false; error_code: number; description: string };

/** Seconds the bot may write to someone who sent a join request (user_chat_id). */
const JOIN_REQUEST_CONTACT_WINDOW = 5 * 60;

/** Joining, leaving, being added, and bots being promoted or removed. */
export abstract class MembershipDrivers extends UserDrivers {
  protected constructor(core: FakeCore) {
    super(core);
  }

  /**
   * The user opens an invite link in the app. Depending on the link this joins the chat
   * (chat_member update with invite_link, plus new_chat_members in groups), files a join request
   * (chat_join_request), or fails with the error the Telegram client would get.
   */
  openInviteLink(userId: number, inviteLink: string): JoinOutcome {
    const user = this.userRecord(userId);
    const link = this.core.links.find(inviteLink);
    if (!link) {
      return failure(Errors.inviteHashInvalid());
    }
    const record = this.chatRecord(link.chatId);
    const now = this.core.clock.now();
    const refusal = this.core.links.refusal(link, now);
    if (refusal === 'revoked' || refusal === 'expired') {
      return failure(Errors.inviteHashExpired());
    }
    const current = record.members.get(userId);
    if (isPresent(current, now)) {
      return failure(Errors.userAlreadyParticipant());
    }
    if (effectiveStatus(current, now) === 'kicked') {
      return failure(Errors.channelPrivate());
    }
    if (refusal === 'full') {
      return failure(Errors.inviteHashExpired());
    }

    if (link.createsJoinRequest) {
      const existing = record.joinRequests.get(userId);
      if (!existing) {
        record.joinRequests.set(userId, { userId, date: now, inviteLink: link.link });
      }
      const request: ChatJoinRequest = {
        chat: chatObject(record),
        from: user,
        user_chat_id: userId,
        date: existing?.date ?? now,
        invite_link: linkObject(this.core, link),
      };
      if (existing) {
        return {
          ok: true,
          outcome: 'join_request',
          chatId: record.id,
          request,
          alreadyPending: true,
        };
      }
      // Admins with can_invite_users get the request and may message the user for 5 minutes.
      for (const { bot, member } of botsInChat(this.core, record)) {
        if (!hasRight(member, 'can_invite_users', record.type)) {
          continue;
        }
        const dialog = this.core.chats.ensureDialog(bot.id, userId);
        dialog.contactAllowedUntil = now + JOIN_REQUEST_CONTACT_WINDOW;
        this.core.enqueue(bot, 'chat_join_request', request);
      }
      this.core.changed();
      return {
        ok: true,
        outcome: 'join_request',
        chatId: record.id,
        request,
        alreadyPending: false,
      };
    }

    // Subscription links: the user pays in the app and becomes a member until the period ends.
    const untilDate = link.subscriptionPeriod ? now + link.subscriptionPeriod : undefined;
    const result = changeMember(
      this.core,
      record,
      userId,
      { userId, status: 'member', joinedViaLink: link.link, ...(untilDate ? { untilDate } : {}) },
      { actor: user, inviteLink: link },
    );
    return { ok: true, outcome: 'joined', chatId: record.id, member: result.new_chat_member };
  }

  /** The user leaves the chat (frees their invite-link slot). */
  leaveChat(userId: number, chatId: number): ChatMember {
    const record = this.chatRecord(chatId);
    if (!isPresent(record.members.get(userId), this.core.clock.now())) {
      throw new FakeDriverError(`user ${userId} is not in chat ${chatId}`);
    }
    if (record.members.get(userId)?.status === 'creator') {
      throw new FakeDriverError('the owner cannot leave in this fake; transfer ownership first');
    }
    const user = this.userRecord(userId);
    return changeMember(this.core, record, userId, { userId, status: 'left' }, { actor: user })
      .new_chat_member;
  }

  /** An admin (default the owner) adds the user; also lifts a ban, as adding does on Telegram. */
  addUserByAdmin(chatId: number, userId: number, options: { by?: number } = {}): ChatMember {
    const record = this.chatRecord(chatId);
    this.userRecord(userId);
    if (isPresent(record.members.get(userId), this.core.clock.now())) {
      throw new FakeDriverError(`user ${userId} is already in chat ${chatId}`);
    }
    const actor = this.userRecord(options.by ?? record.ownerId);
    return changeMember(this.core, record, userId, { userId, status: 'member' }, { actor })
      .new_chat_member;
  }

  /** An admin removes (kicked) or bans the user from the app, not through the bot. */
  banUserByAdmin(
    chatId: number,
    userId: number,
    options: { by?: number; untilDate?: number } = {},
  ): ChatMember {
    const record = this.chatRecord(chatId);
    this.userRecord(userId);
    const actor = this.userRecord(options.by ?? record.ownerId);
    return changeMember(
      this.core,
      record,
      userId,
      { userId, status: 'kicked', untilDate: options.untilDate ?? 0 },
      { actor },
    ).new_chat_member;
  }

  /** An admin changes the bot's status: the bot gets my_chat_member with old and new member. */
  changeBotMembership(
    chatId: number,
    membership: BotMembership,
    options: { bot?: BotRef; by?: number } = {},
  ): ChatMember {
    const bot = this.botAccount(options.bot);
    return this.setBotRights(chatId, bot.id, membership, { notify: true, by: options.by });
  }

  demoteBot(chatId: number, options: { bot?: BotRef; by?: number } = {}): ChatMember {
    return this.changeBotMembership(chatId, 'member', options);
  }

  removeBot(
    chatId: number,
    options: { bot?: BotRef; by?: number; ban?: boolean } = {},
  ): ChatMember {
    return this.changeBotMembership(chatId, options.ban ? 'kicked' : 'left', options);
  }
}

function failure(error: TelegramApiError): JoinOutcome {
  return { ok: false, error_code: error.error_code, description: error.description };
}
