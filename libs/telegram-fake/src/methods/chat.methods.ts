import { Errors } from '../errors';
import { requireRight, requireVisible, resolveTarget, type Target } from '../services/access';
import { changeMember } from '../services/membership';
import { effectiveStatus, isAdmin, isPresent, toChatMember } from '../state/members';
import type { ChatFullInfo, ChatMember } from '../types';
import type { MethodContext, MethodTable } from './context';

/** Bans shorter than 30 s or longer than 366 days are permanent on Telegram. */
function normalizeUntil(untilDate: number | undefined, now: number): number {
  if (!untilDate) {
    return 0;
  }
  const delta = untilDate - now;
  return delta < 30 || delta > 366 * 86400 ? 0 : untilDate;
}

function fullInfo(ctx: MethodContext, target: Target): ChatFullInfo {
  const base = { accent_color_id: 0, max_reaction_count: 11 };
  if (target.kind === 'private') {
    return { ...target.chat, ...base };
  }
  const { record } = target;
  const primary = ctx.core.links.forChat(record.id).find((l) => l.isPrimary && !l.isRevoked);
  const canSeeLink = isAdmin(target.botMember);
  return {
    ...target.chat,
    ...base,
    ...(record.description ? { description: record.description } : {}),
    ...(primary && canSeeLink ? { invite_link: primary.link } : {}),
    ...(record.type !== 'channel'
      ? {
          permissions: {
            can_send_messages: true,
            can_send_photos: true,
            can_send_documents: true,
            can_send_other_messages: true,
            can_add_web_page_previews: true,
            can_invite_users: true,
            can_pin_messages: false,
            can_manage_topics: false,
          },
        }
      : {}),
  };
}

function memberOf(ctx: MethodContext, target: Target, userId: number): ChatMember {
  const user = ctx.core.users.get(userId);
  if (!user) {
    throw Errors.userNotFound();
  }
  if (target.kind === 'private') {
    return { status: 'member', user };
  }
  const record = target.record;
  const viewerIsOwner = record.members.get(ctx.bot.id)?.status === 'creator';
  return toChatMember(
    record.members.get(userId),
    user,
    record.type,
    ctx.core.clock.now(),
    viewerIsOwner,
  );
}

export const chatMethods: MethodTable = {
  getChat: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    return fullInfo(ctx, target);
  },

  getChatMember: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    return memberOf(ctx, target, ctx.params.requiredInt('user_id'));
  },

  getChatAdministrators: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    if (target.kind === 'private') {
      return [];
    }
    return [...target.record.members.values()]
      .filter((m) => isAdmin(m))
      .map((m) => memberOf(ctx, target, m.userId));
  },

  getChatMemberCount: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    if (target.kind === 'private') {
      return 2;
    }
    const now = ctx.core.clock.now();
    return [...target.record.members.values()].filter((m) => isPresent(m, now)).length;
  },

  leaveChat: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    if (target.kind === 'private') {
      throw Errors.chatNotFound();
    }
    changeMember(
      ctx.core,
      target.record,
      ctx.bot.id,
      { userId: ctx.bot.id, status: 'left' },
      {
        actor: ctx.bot.user,
      },
    );
    return true;
  },

  banChatMember: (ctx) => {
    const { core, bot, params } = ctx;
    const target = resolveTarget(core, bot, params.chatId());
    if (target.kind === 'private') {
      throw Errors.privateStatusChange();
    }
    const record = requireRight(core, bot, target, 'can_restrict_members', Errors.rightsRestrict);
    const userId = params.requiredInt('user_id');
    if (!core.users.get(userId)) {
      throw Errors.userNotFound();
    }
    const current = record.members.get(userId);
    if (current?.status === 'creator') {
      throw Errors.cantRemoveOwner();
    }
    if (current?.status === 'administrator') {
      throw Errors.userIsAdmin();
    }
    const untilDate = normalizeUntil(params.int('until_date'), core.clock.now());
    record.joinRequests.delete(userId);
    changeMember(
      core,
      record,
      userId,
      { userId, status: 'kicked', untilDate },
      { actor: bot.user },
    );
    return true;
  },

  /**
   * Without only_if_banned Telegram guarantees the user ends up outside the chat but able to
   * join, so a current member is removed. With it, only a banned user is touched.
   */
  unbanChatMember: (ctx) => {
    const { core, bot, params } = ctx;
    const target = resolveTarget(core, bot, params.chatId());
    if (target.kind === 'private') {
      throw Errors.privateStatusChange();
    }
    const record = requireRight(core, bot, target, 'can_restrict_members', Errors.rightsRestrict);
    if (record.type === 'group') {
      throw Errors.supergroupOnly();
    }
    const userId = params.requiredInt('user_id');
    if (!core.users.get(userId)) {
      throw Errors.userNotFound();
    }
    const current = record.members.get(userId);
    const status = effectiveStatus(current, core.clock.now());
    if (status === 'kicked') {
      changeMember(core, record, userId, { userId, status: 'left' }, { actor: bot.user });
      return true;
    }
    if (params.bool('only_if_banned')) {
      return true;
    }
    if (status === 'creator') {
      throw Errors.cantRemoveOwner();
    }
    if (status === 'administrator') {
      throw Errors.userIsAdmin();
    }
    if (isPresent(current, core.clock.now()) || status === 'restricted') {
      changeMember(core, record, userId, { userId, status: 'left' }, { actor: bot.user });
    }
    return true;
  },
};
