import { Errors, badRequest } from '../errors';
import { requireRight, requireVisible, resolveTarget } from '../services/access';
import { postGroupMessage } from '../services/messages';
import type { ChatRecord, TopicRecord } from '../state/chats';
import type { ForumTopic } from '../types';
import type { MethodContext, MethodTable } from './context';

/** The only colors Telegram accepts for topic icons. */
export const TOPIC_COLORS = [7322096, 16766590, 13338331, 9367192, 16749490, 16478047];

function forumChat(ctx: MethodContext): ChatRecord {
  const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
  requireVisible(ctx.core, target);
  if (target.kind !== 'group' || !target.record.isForum) {
    throw Errors.notAForum();
  }
  return target.record;
}

function topic(ctx: MethodContext, record: ChatRecord): TopicRecord {
  const found = record.topics.get(ctx.params.requiredInt('message_thread_id'));
  if (!found) {
    throw badRequest('TOPIC_ID_INVALID');
  }
  return found;
}

/** Creates a topic: a forum_topic_created service message whose id becomes the thread id. */
export function openTopic(
  ctx: Pick<MethodContext, 'core'>,
  record: ChatRecord,
  creatorId: number,
  name: string,
  iconColor = TOPIC_COLORS[0],
  iconCustomEmojiId?: string,
): ForumTopic {
  const creator = ctx.core.users.require(creatorId);
  const created = {
    name,
    icon_color: iconColor,
    ...(iconCustomEmojiId ? { icon_custom_emoji_id: iconCustomEmojiId } : {}),
  };
  const message = postGroupMessage(
    ctx.core,
    record,
    { from: creator, forum_topic_created: created },
    true,
  );
  // The service message opens the thread: its id is the message_thread_id.
  message.message_thread_id = message.message_id;
  message.is_topic_message = true;
  record.topics.set(message.message_id, {
    threadId: message.message_id,
    name,
    iconColor,
    iconCustomEmojiId,
    closed: false,
    creatorId,
  });
  return { message_thread_id: message.message_id, ...created };
}

function setClosed(ctx: MethodContext, closed: boolean): true {
  const record = forumChat(ctx);
  const found = topic(ctx, record);
  if (found.creatorId !== ctx.bot.id) {
    const target = resolveTarget(ctx.core, ctx.bot, record.id);
    requireRight(ctx.core, ctx.bot, target, 'can_manage_topics', Errors.rightsTopics);
  }
  if (found.closed === closed) {
    throw badRequest('TOPIC_NOT_MODIFIED');
  }
  found.closed = closed;
  postGroupMessage(
    ctx.core,
    record,
    {
      from: ctx.bot.user,
      message_thread_id: found.threadId,
      is_topic_message: true,
      ...(closed ? { forum_topic_closed: {} } : { forum_topic_reopened: {} }),
    },
    true,
  );
  return true;
}

export const forumMethods: MethodTable = {
  createForumTopic: (ctx): ForumTopic => {
    const record = forumChat(ctx);
    const target = resolveTarget(ctx.core, ctx.bot, record.id);
    requireRight(ctx.core, ctx.bot, target, 'can_manage_topics', Errors.rightsTopics);
    const name = ctx.params.requiredString('name');
    if (name.length > 128) {
      throw badRequest('TOPIC_TITLE_EMPTY');
    }
    const color = ctx.params.int('icon_color') ?? TOPIC_COLORS[0];
    if (!TOPIC_COLORS.includes(color)) {
      throw badRequest('TOPIC_ICON_COLOR_INVALID');
    }
    return openTopic(
      ctx,
      record,
      ctx.bot.id,
      name,
      color,
      ctx.params.string('icon_custom_emoji_id'),
    );
  },

  closeForumTopic: (ctx) => setClosed(ctx, true),

  reopenForumTopic: (ctx) => setClosed(ctx, false),
};
