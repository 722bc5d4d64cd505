import type { FakeCore } from '../core';
import { FakeDriverError } from '../errors';
import { changeMember } from '../services/membership';
import type { ChatRecord } from '../state/chats';
import type { InviteLinkRecord } from '../state/invite-links';
import type { MemberRecord } from '../state/members';
import type { ChatMember, User } from '../types';
import { MembershipDrivers, type JoinOutcome } from './membership.drivers';

interface Subscriber {
  chat: ChatRecord;
  user: User;
  member: MemberRecord;
  /** End of the paid period (Unix seconds). */
  untilDate: number;
  link: InviteLinkRecord;
  /** Seconds per paid period (2592000 on Telegram). */
  period: number;
}

/**
 * Star subscriptions of channels (createChatSubscriptionInviteLink). A user pays the link's price
 * in the app and joins as a member whose `until_date` is the end of the paid period; Telegram
 * charges again at that end, moving `until_date` on by one period, and removes a member whose
 * period ended unpaid. Each step reaches administrator bots as a chat_member update.
 */
export abstract class SubscriptionDrivers extends MembershipDrivers {
  protected constructor(core: FakeCore) {
    super(core);
  }

  /**
   * The user pays the subscription link's price and joins: chat_member with `invite_link` (its
   * `subscription_period` and `subscription_price`) and `until_date` = now + period.
   */
  subscribeViaLink(userId: number, inviteLink: string): JoinOutcome {
    const link = this.core.links.find(inviteLink);
    if (!link?.subscriptionPeriod) {
      throw new FakeDriverError(`${inviteLink} is not a subscription invite link`);
    }
    return this.openInviteLink(userId, inviteLink);
  }

  /**
   * Telegram charges the next period at the end of the paid one: `until_date` moves on by one
   * period, announced as chat_member member -> member. Whether Telegram names the link again is
   * not documented, so by default the update carries no `invite_link` (the harder case for a
   * bot); `withInviteLink` adds the link the user subscribed through.
   */
  renewChatSubscription(
    userId: number,
    chatId: number,
    options: { withInviteLink?: boolean } = {},
  ): ChatMember {
    const { chat, user, member, untilDate, link, period } = this.subscriber(userId, chatId);
    return changeMember(
      this.core,
      chat,
      userId,
      { ...member, untilDate: untilDate + period },
      { actor: user, ...(options.withInviteLink ? { inviteLink: link } : {}) },
    ).new_chat_member;
  }

  /**
   * The paid period ended without a renewal (the user cancelled, or had too few Stars): Telegram
   * removes the member, chat_member member -> left. Only once `until_date` has passed (move the
   * clock with advanceTime first).
   */
  lapseChatSubscription(userId: number, chatId: number): ChatMember {
    const { chat, user, untilDate } = this.subscriber(userId, chatId);
    const now = this.core.clock.now();
    if (untilDate > now) {
      throw new FakeDriverError(
        `the subscription of user ${userId} in chat ${chatId} is paid until ${untilDate} ` +
          `(now ${now}); advanceTime first`,
      );
    }
    return changeMember(this.core, chat, userId, { userId, status: 'left' }, { actor: user })
      .new_chat_member;
  }

  private subscriber(userId: number, chatId: number): Subscriber {
    const chat = this.chatRecord(chatId);
    const user = this.userRecord(userId);
    const member = chat.members.get(userId);
    const link = member?.joinedViaLink ? this.core.links.find(member.joinedViaLink) : undefined;
    if (member?.status !== 'member' || !member.untilDate || !link?.subscriptionPeriod) {
      throw new FakeDriverError(`user ${userId} has no Star subscription in chat ${chatId}`);
    }
    return {
      chat,
      user,
      member,
      untilDate: member.untilDate,
      link,
      period: link.subscriptionPeriod,
    };
  }
}
