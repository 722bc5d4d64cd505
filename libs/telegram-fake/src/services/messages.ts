import type { FakeCore } from '../core';
import type { BotAccount } from '../state/bots';
import { chatObject, privateChatObject, type ChatRecord } from '../state/chats';
import { MessageStore, type StoredMessage } from '../state/messages';
import type { Chat, Message, User } from '../types';
import { deliverGroupMessage } from './fanout';

export type MessageFields = Omit<Message, 'message_id' | 'date' | 'chat'>;

/** Where a message lives: the chat object, and the key of its id sequence. */
export function messageKey(chat: Chat, bot: BotAccount): string {
  return MessageStore.key(chat.id, bot.id);
}

/** A message sent through the Bot API; stored so it can be edited, copied, forwarded, paid. */
export function storeBotMessage(
  core: FakeCore,
  bot: BotAccount,
  chat: Chat,
  fields: MessageFields,
  method: string,
): Message {
  const key = messageKey(chat, bot);
  const message: Message = {
    message_id: core.messages.nextId(key),
    from: bot.user,
    chat,
    date: core.clock.now(),
    ...fields,
  };
  // Channel posts are signed by the channel, not by the bot.
  if (chat.type === 'channel') {
    delete message.from;
    message.sender_chat = chat;
  }
  core.messages.save(key, { message, botId: bot.id, sentByBot: bot.id, method });
  core.changed();
  return message;
}

/** A user writes to a bot in private; the bot gets a `message` update. */
export function postPrivateMessage(
  core: FakeCore,
  bot: BotAccount,
  user: User,
  fields: MessageFields,
): Message {
  const chat = privateChatObject(user);
  const key = MessageStore.key(chat.id, bot.id);
  const message: Message = {
    message_id: core.messages.nextId(key),
    from: user,
    chat,
    date: core.clock.now(),
    ...fields,
  };
  core.messages.save(key, { message, botId: bot.id });
  core.enqueue(bot, 'message', message);
  return message;
}

/** A message (from a user, or a service message) appears in a group; bots get it per privacy mode. */
export function postGroupMessage(
  core: FakeCore,
  record: ChatRecord,
  fields: MessageFields,
  service = false,
): Message {
  const key = MessageStore.key(record.id, 0);
  const message: Message = {
    message_id: core.messages.nextId(key),
    chat: chatObject(record),
    date: core.clock.now(),
    ...fields,
  };
  core.messages.save(key, { message });
  deliverGroupMessage(core, record, message, service);
  core.changed();
  return message;
}

export function findMessage(
  core: FakeCore,
  bot: BotAccount,
  chat: Chat,
  messageId: number,
): StoredMessage | undefined {
  return core.messages.find(messageKey(chat, bot), messageId);
}

/**
 * Telegram sets reply_to_message of every message in a forum topic that does not reply to
 * something else to the topic's forum_topic_created service message.
 */
export function topicRoot(
  core: FakeCore,
  record: ChatRecord,
  threadId: number,
): Message | undefined {
  const root = core.messages.find(MessageStore.key(record.id, 0), threadId)?.message;
  if (!root) {
    return undefined;
  }
  const copy = { ...root };
  delete copy.reply_to_message;
  return copy;
}
