import type { FakeCore } from '../core';
import { FakeDriverError } from '../errors';
import { openTopic } from '../methods/forum.methods';
import { changeMember } from '../services/membership';
import type { CreateBotInput } from '../state/bots';
import type { CreateChatInput } from '../state/chats';
import {
  adminRights,
  ownerRights,
  toChatMember,
  type AdminRightsInput,
  type MemberRecord,
} from '../state/members';
import type { CreateUserInput } from '../state/users';
import type { ChatMember, ChatMemberStatus, ForumTopic, User } from '../types';
import { DriverBase, type BotRef } from './driver-base';

export interface BotInfo {
  token: string;
  id: number;
  username: string;
  user: User;
}

export interface FakeChatInfo {
  id: number;
  type: CreateChatInput['type'];
  title: string;
  username?: string;
  is_forum?: true;
  /** Every chat has a creator; one is made up unless ownerId is given. */
  ownerId: number;
}

export interface AddMemberOptions {
  rights?: AdminRightsInput;
  /** Ban end (kicked), restriction end (restricted) or subscription end (member). */
  untilDate?: number;
  /** restricted only: still in the chat, and whether they may write. */
  isMember?: boolean;
  canSendMessages?: boolean;
}

export type BotMembership = AdminRightsInput | 'member' | 'left' | 'kicked';

export interface BotMembershipOptions {
  /** Produce the my_chat_member (and chat_member) updates Telegram would send. */
  notify?: boolean;
  /** Admin who made the change; default the chat owner. */
  by?: number;
}

/** Creating the world a test starts from. Seeding is silent: no updates are produced. */
export abstract class SeedDrivers extends DriverBase {
  protected constructor(core: FakeCore) {
    super(core);
  }

  createBot(input: CreateBotInput = {}): BotInfo {
    const bot = this.core.bots.create(input);
    return { token: bot.token, id: bot.id, username: bot.user.username ?? '', user: bot.user };
  }

  createUser(input: CreateUserInput = {}): User {
    return this.core.users.create(input);
  }

  createChat(input: CreateChatInput & { ownerId?: number }): FakeChatInfo {
    const owner = input.ownerId ?? this.core.users.create({ first_name: 'Owner' }).id;
    this.userRecord(owner);
    const record = this.core.chats.create(input, owner);
    record.members.set(owner, { userId: owner, status: 'creator' });
    return {
      id: record.id,
      type: record.type,
      title: record.title,
      ...(record.username ? { username: record.username } : {}),
      ...(record.isForum ? { is_forum: true as const } : {}),
      ownerId: owner,
    };
  }

  /** Puts a user (or bot) into a chat with a status, silently. */
  addMember(
    chatId: number,
    userId: number,
    status: ChatMemberStatus = 'member',
    options: AddMemberOptions = {},
  ): ChatMember {
    const record = this.chatRecord(chatId);
    const user = this.userRecord(userId);
    const member: MemberRecord = { userId, status };
    if (status === 'administrator') {
      member.rights = adminRights(record.type, options.rights);
    }
    if (status === 'creator') {
      member.rights = ownerRights(record.type);
      record.ownerId = userId;
    }
    if (options.untilDate !== undefined) {
      member.untilDate = options.untilDate;
    }
    if (status === 'restricted') {
      member.isMember = options.isMember ?? true;
      member.canSendMessages = options.canSendMessages ?? false;
    }
    changeMember(this.core, record, userId, member, { actor: user, silent: true });
    return toChatMember(member, user, record.type, this.core.clock.now());
  }

  /**
   * Makes a bot an administrator with the given rights (unspecified rights default to what the
   * Telegram client grants), or a plain member / left / kicked. Silent unless notify is set.
   */
  setBotRights(
    chatId: number,
    bot: BotRef,
    membership: BotMembership,
    options: BotMembershipOptions = {},
  ): ChatMember {
    const record = this.chatRecord(chatId);
    const account = this.botAccount(bot);
    const actor = this.userRecord(options.by ?? record.ownerId);
    let next: MemberRecord;
    if (typeof membership === 'string') {
      next = { userId: account.id, status: membership };
    } else {
      next = {
        userId: account.id,
        status: 'administrator',
        rights: adminRights(record.type, membership),
      };
    }
    const result = changeMember(this.core, record, account.id, next, {
      actor,
      silent: !options.notify,
    });
    return result.new_chat_member;
  }

  /** A forum topic created by a user (default the owner) before the test starts. */
  createTopic(
    chatId: number,
    name: string,
    options: { creatorId?: number; iconColor?: number } = {},
  ): ForumTopic {
    const record = this.chatRecord(chatId);
    if (!record.isForum) {
      throw new FakeDriverError(`chat ${chatId} is not a forum`);
    }
    return openTopic(
      { core: this.core },
      record,
      options.creatorId ?? record.ownerId,
      name,
      options.iconColor,
    );
  }

  /** Moves Telegram's clock (link expiry, ban expiry, rate-limit windows). */
  advanceTime(seconds: number): void {
    this.core.clock.advance(seconds);
    this.core.changed();
  }
}
