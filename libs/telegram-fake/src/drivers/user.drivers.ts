import { createHash, randomBytes } from 'node:crypto';
import type { FakeCore } from '../core';
import { FakeDriverError } from '../errors';
import { autoEntities } from '../formatting';
import {
  postGroupMessage,
  postPrivateMessage,
  topicRoot,
  type MessageFields,
} from '../services/messages';
import { privateChatObject } from '../state/chats';
import { isPresent } from '../state/members';
import { MessageStore } from '../state/messages';
import type { CallbackQuery, ChatMemberUpdated, Message, MessageEntity, PhotoSize } from '../types';
import type { BotRef } from './driver-base';
import { SeedDrivers } from './seed.drivers';

export interface UserMessageOptions {
  /** Which bot to write to in private (default: first bot). Ignored with chatId. */
  bot?: BotRef;
  /** Write in a group/supergroup instead of the private chat with the bot. */
  chatId?: number;
  /** Forum topic (message_thread_id) inside chatId. */
  threadId?: number;
  /** Reply to this message id in the same chat. */
  replyTo?: number;
  entities?: MessageEntity[];
}

export interface PressButtonOptions {
  bot?: BotRef;
  /** Chat holding the bot's message; default the user's private chat with the bot. */
  chatId?: number;
  messageId: number;
  /** callback_data of the button to press (or give its text). */
  data?: string;
  text?: string;
}

/** Things a user does in the Telegram app, each producing the updates Telegram would send. */
export abstract class UserDrivers extends SeedDrivers {
  protected constructor(core: FakeCore) {
    super(core);
  }

  /** The user opens the bot and presses START (optionally through a t.me/bot?start=payload link). */
  startBot(userId: number, options: { bot?: BotRef; payload?: string } = {}): Message {
    const dialog = this.core.chats.ensureDialog(this.botAccount(options.bot).id, userId);
    if (dialog.blocked) {
      this.unblockBot(userId, { bot: options.bot });
    }
    return this.sendMessage(userId, options.payload ? `/start ${options.payload}` : '/start', {
      bot: options.bot,
    });
  }

  sendMessage(userId: number, text: string, options: UserMessageOptions = {}): Message {
    return this.post(userId, { text, entities: options.entities ?? autoEntities(text) }, options);
  }

  /** "/name args"; in groups set mention to address a specific bot ("/name@bot"). */
  sendCommand(
    userId: number,
    command: string,
    options: UserMessageOptions & { args?: string; mention?: boolean } = {},
  ): Message {
    const name = command.replace(/^\//, '');
    const suffix = options.mention ? `@${this.botAccount(options.bot).user.username}` : '';
    const text = `/${name}${suffix}${options.args ? ` ${options.args}` : ''}`;
    return this.sendMessage(userId, text, options);
  }

  sendPhoto(userId: number, options: UserMessageOptions & { caption?: string } = {}): Message {
    const file = this.core.files.register({ kind: 'photo', size: 48_000, mimeType: 'image/jpeg' });
    const photo: PhotoSize[] = [
      {
        file_id: `${file.fileId}0`,
        file_unique_id: `${file.fileUniqueId}0`,
        width: 90,
        height: 90,
        file_size: 1_500,
      },
      {
        file_id: `${file.fileId}1`,
        file_unique_id: `${file.fileUniqueId}1`,
        width: 800,
        height: 800,
        file_size: 48_000,
      },
    ];
    const caption = options.caption
      ? { caption: options.caption, caption_entities: autoEntities(options.caption) }
      : {};
    if (caption.caption_entities?.length === 0) {
      delete caption.caption_entities;
    }
    return this.post(userId, { photo, ...caption }, options);
  }

  /** Presses an inline button on a bot message; the bot gets a callback_query. */
  pressButton(userId: number, options: PressButtonOptions): CallbackQuery {
    const bot = this.botAccount(options.bot);
    const user = this.userRecord(userId);
    const chatId = options.chatId ?? userId;
    const stored = this.core.messages.find(MessageStore.key(chatId, bot.id), options.messageId);
    if (!stored || stored.sentByBot !== bot.id || stored.deleted) {
      throw new FakeDriverError(
        `bot ${bot.id} has no message ${options.messageId} in chat ${chatId}`,
      );
    }
    const buttons = stored.message.reply_markup?.inline_keyboard.flat() ?? [];
    const button = buttons.find((b) =>
      options.data !== undefined ? b.callback_data === options.data : b.text === options.text,
    );
    if (!button || button.callback_data === undefined) {
      const available = buttons
        .map((b) => `${b.text}=${b.callback_data ?? b.url ?? '?'}`)
        .join(', ');
      throw new FakeDriverError(
        `no callback button ${options.data ?? options.text} (buttons: ${available || 'none'})`,
      );
    }
    const query: CallbackQuery = {
      id: BigInt(`0x${randomBytes(8).toString('hex')}`).toString(),
      from: user,
      message: stored.message,
      chat_instance: chatInstance(bot.id, chatId),
      data: button.callback_data,
    };
    this.core.callbackQueries.set(query.id, {
      id: query.id,
      botId: bot.id,
      userId,
      createdAt: this.core.clock.now(),
    });
    this.core.enqueue(bot, 'callback_query', query);
    return query;
  }

  /** The user blocks the bot: my_chat_member member -> kicked, and sends get 403. */
  blockBot(userId: number, options: { bot?: BotRef } = {}): void {
    this.setBlocked(userId, options.bot, true);
  }

  unblockBot(userId: number, options: { bot?: BotRef } = {}): void {
    this.setBlocked(userId, options.bot, false);
  }

  private setBlocked(userId: number, ref: BotRef | undefined, blocked: boolean): void {
    const bot = this.botAccount(ref);
    const user = this.userRecord(userId);
    const dialog = this.core.chats.ensureDialog(bot.id, userId);
    if (dialog.blocked === blocked) {
      return;
    }
    dialog.blocked = blocked;
    const member = { status: 'member' as const, user: bot.user };
    const kicked = { status: 'kicked' as const, user: bot.user, until_date: 0 };
    const update: ChatMemberUpdated = {
      chat: privateChatObject(user),
      from: user,
      date: this.core.clock.now(),
      old_chat_member: blocked ? member : kicked,
      new_chat_member: blocked ? kicked : member,
    };
    this.core.enqueue(bot, 'my_chat_member', update);
    this.core.changed();
  }

  private post(userId: number, fields: MessageFields, options: UserMessageOptions): Message {
    const user = this.userRecord(userId);
    if (fields.entities?.length === 0) {
      delete fields.entities;
    }
    if (options.chatId === undefined) {
      const bot = this.botAccount(options.bot);
      const dialog = this.core.chats.ensureDialog(bot.id, userId);
      if (dialog.blocked) {
        throw new FakeDriverError(`user ${userId} blocked the bot; call unblockBot() first`);
      }
      // Writing to a bot opens the chat, as pressing START does.
      dialog.started = true;
      const reply =
        options.replyTo !== undefined
          ? this.replyTarget(MessageStore.key(userId, bot.id), options.replyTo)
          : {};
      return postPrivateMessage(this.core, bot, user, { ...reply, ...fields });
    }
    const record = this.chatRecord(options.chatId);
    if (!isPresent(record.members.get(userId), this.core.clock.now())) {
      throw new FakeDriverError(`user ${userId} is not a member of chat ${record.id}`);
    }
    const thread: MessageFields = {};
    if (options.threadId !== undefined) {
      const topic = record.topics.get(options.threadId);
      if (!topic) {
        throw new FakeDriverError(`chat ${record.id} has no topic ${options.threadId}`);
      }
      thread.message_thread_id = options.threadId;
      thread.is_topic_message = true;
      const root = topicRoot(this.core, record, options.threadId);
      if (root) {
        thread.reply_to_message = root;
      }
    }
    const reply =
      options.replyTo !== undefined
        ? this.replyTarget(MessageStore.key(record.id, 0), options.replyTo)
        : {};
    return postGroupMessage(this.core, record, { from: user, ...thread, ...reply, ...fields });
  }

  private replyTarget(key: string, messageId: number): MessageFields {
    const stored = this.core.messages.find(key, messageId);
    if (!stored) {
      throw new FakeDriverError(`no message ${messageId} to reply to`);
    }
    const original = { ...stored.message };
    delete original.reply_to_message;
    return { reply_to_message: original };
  }
}

/** Telegram's chat_instance is an opaque value stable per chat (and bot). */
function chatInstance(botId: number, chatId: number): string {
  const digest = createHash('sha256').update(`${botId}:${chatId}`).digest();
  return digest.readBigInt64BE(0).toString();
}
