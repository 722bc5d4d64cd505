import { Errors, badRequest } from '../errors';
import { requireRight, resolveTarget } from '../services/access';
import { changeMember, linkObject } from '../services/membership';
import type { ChatRecord } from '../state/chats';
import type { InviteLinkRecord } from '../state/invite-links';
import { isPresent } from '../state/members';
import type { ChatInviteLink } from '../types';
import type { MethodContext, MethodTable } from './context';

const MAX_NAME = 32;
const SUBSCRIPTION_PERIOD = 2_592_000;
const MAX_SUBSCRIPTION_PRICE = 10_000;

function chatForLinks(ctx: MethodContext): ChatRecord {
  const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
  return requireRight(ctx.core, ctx.bot, target, 'can_invite_users', Errors.rightsInviteLinks);
}

function chatForJoinRequests(ctx: MethodContext): ChatRecord {
  const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
  if (target.kind === 'private') {
    throw badRequest("the chat can't have join requests");
  }
  return requireRight(ctx.core, ctx.bot, target, 'can_invite_users', Errors.rightsJoinRequests);
}

interface LinkSettings {
  name?: string;
  expireDate?: number;
  memberLimit?: number;
  createsJoinRequest: boolean;
}

function readSettings(ctx: MethodContext): LinkSettings {
  const { params } = ctx;
  const memberLimit = params.int('member_limit') || undefined;
  const createsJoinRequest = params.bool('creates_join_request') ?? false;
  if (createsJoinRequest && memberLimit) {
    throw Errors.memberLimitWithJoinRequest();
  }
  if (memberLimit !== undefined && (memberLimit < 1 || memberLimit > 99_999)) {
    throw badRequest('USAGE_LIMIT_INVALID');
  }
  return {
    name: params.string('name')?.slice(0, MAX_NAME) || undefined,
    expireDate: params.int('expire_date') || undefined,
    memberLimit,
    createsJoinRequest,
  };
}

/** Links this bot may edit or revoke: ones in this chat; editing is limited to its own links. */
function existingLink(ctx: MethodContext, record: ChatRecord): InviteLinkRecord {
  const link = ctx.core.links.find(ctx.params.requiredString('invite_link'));
  if (!link || link.chatId !== record.id) {
    throw badRequest('INVITE_HASH_EXPIRED');
  }
  return link;
}

/** user_chat_id may be used "for 5 minutes ... until the join request is processed". */
function endContactWindow(ctx: MethodContext, userId: number): void {
  const dialog = ctx.core.chats.dialog(ctx.bot.id, userId);
  if (dialog) {
    dialog.contactAllowedUntil = undefined;
  }
}

function requester(ctx: MethodContext, record: ChatRecord): number {
  const userId = ctx.params.requiredInt('user_id');
  if (!ctx.core.users.get(userId)) {
    throw Errors.userNotFound();
  }
  if (isPresent(record.members.get(userId), ctx.core.clock.now())) {
    throw Errors.userAlreadyParticipant();
  }
  if (!record.joinRequests.has(userId)) {
    throw Errors.hideRequesterMissing();
  }
  return userId;
}

export const inviteLinkMethods: MethodTable = {
  createChatInviteLink: (ctx): ChatInviteLink => {
    const record = chatForLinks(ctx);
    const settings = readSettings(ctx);
    const link = ctx.core.links.create({
      chatId: record.id,
      creatorId: ctx.bot.id,
      isPrimary: false,
      ...settings,
    });
    ctx.core.changed();
    return linkObject(ctx.core, link);
  },

  /** Bot API semantics: parameters left out are reset, not kept. */
  editChatInviteLink: (ctx): ChatInviteLink => {
    const record = chatForLinks(ctx);
    const link = existingLink(ctx, record);
    if (link.creatorId !== ctx.bot.id) {
      throw Errors.chatAdminRequired();
    }
    if (link.isRevoked) {
      throw badRequest('INVITE_HASH_EXPIRED');
    }
    if (link.subscriptionPeriod) {
      throw badRequest(
        "subscription plan can't be specified for links with additional restrictions",
      );
    }
    Object.assign(
      link,
      { name: undefined, expireDate: undefined, memberLimit: undefined },
      readSettings(ctx),
    );
    ctx.core.changed();
    return linkObject(ctx.core, link);
  },

  editChatSubscriptionInviteLink: (ctx): ChatInviteLink => {
    const record = chatForLinks(ctx);
    const link = existingLink(ctx, record);
    if (link.creatorId !== ctx.bot.id) {
      throw Errors.chatAdminRequired();
    }
    link.name = ctx.params.string('name')?.slice(0, MAX_NAME) || undefined;
    ctx.core.changed();
    return linkObject(ctx.core, link);
  },

  revokeChatInviteLink: (ctx): ChatInviteLink => {
    const record = chatForLinks(ctx);
    const link = existingLink(ctx, record);
    link.isRevoked = true;
    if (link.isPrimary) {
      // Revoking the primary link makes Telegram issue a new primary link.
      link.isPrimary = false;
      ctx.core.links.create({
        chatId: record.id,
        creatorId: ctx.bot.id,
        isPrimary: true,
        createsJoinRequest: false,
      });
    }
    ctx.core.changed();
    return linkObject(ctx.core, link);
  },

  exportChatInviteLink: (ctx): string => {
    const record = chatForLinks(ctx);
    for (const link of ctx.core.links.forChat(record.id)) {
      if (link.isPrimary) {
        link.isPrimary = false;
        link.isRevoked = true;
      }
    }
    const link = ctx.core.links.create({
      chatId: record.id,
      creatorId: ctx.bot.id,
      isPrimary: true,
      createsJoinRequest: false,
    });
    ctx.core.changed();
    return link.link;
  },

  createChatSubscriptionInviteLink: (ctx): ChatInviteLink => {
    const record = chatForLinks(ctx);
    if (record.type !== 'channel') {
      throw badRequest('CHAT_TYPE_INVALID');
    }
    const period = ctx.params.requiredInt('subscription_period');
    const price = ctx.params.requiredInt('subscription_price');
    if (period !== SUBSCRIPTION_PERIOD) {
      throw badRequest('SUBSCRIPTION_PERIOD_INVALID');
    }
    if (price < 1 || price > MAX_SUBSCRIPTION_PRICE) {
      throw badRequest('SUBSCRIPTION_PRICE_INVALID');
    }
    const link = ctx.core.links.create({
      chatId: record.id,
      creatorId: ctx.bot.id,
      isPrimary: false,
      createsJoinRequest: false,
      name: ctx.params.string('name')?.slice(0, MAX_NAME) || undefined,
      subscriptionPeriod: period,
      subscriptionPrice: price,
    });
    ctx.core.changed();
    return linkObject(ctx.core, link);
  },

  approveChatJoinRequest: (ctx) => {
    const record = chatForJoinRequests(ctx);
    const userId = requester(ctx, record);
    const request = record.joinRequests.get(userId);
    const link = request?.inviteLink ? ctx.core.links.find(request.inviteLink) : undefined;
    changeMember(
      ctx.core,
      record,
      userId,
      { userId, status: 'member', joinedViaLink: link?.link },
      { actor: ctx.bot.user, inviteLink: link, viaJoinRequest: true },
    );
    endContactWindow(ctx, userId);
    return true;
  },

  declineChatJoinRequest: (ctx) => {
    const record = chatForJoinRequests(ctx);
    const userId = requester(ctx, record);
    record.joinRequests.delete(userId);
    endContactWindow(ctx, userId);
    ctx.core.changed();
    return true;
  },
};
