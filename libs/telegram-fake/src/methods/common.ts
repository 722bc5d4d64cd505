import { Errors, badRequest } from '../errors';
import { formatText } from '../formatting';
import type { Params } from '../params';
import type { Target } from '../services/access';
import { findMessage, topicRoot } from '../services/messages';
import type { FakeCore } from '../core';
import type { BotAccount } from '../state/bots';
import type { InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity } from '../types';

export const MAX_TEXT = 4096;
export const MAX_CAPTION = 1024;

/** The text of sendMessage/editMessageText after parse_mode, with Telegram's emptiness checks. */
export function readText(params: Params): { text: string; entities?: MessageEntity[] } {
  const raw = params.string('text');
  if (raw === undefined || raw.trim() === '') {
    throw Errors.textEmpty();
  }
  const formatted = formatText(raw, params.string('parse_mode'), params.json('entities'));
  if (formatted.text.trim() === '') {
    throw Errors.textEmpty();
  }
  if (formatted.text.length > MAX_TEXT) {
    throw Errors.textTooLong();
  }
  return withEntities(formatted.text, formatted.entities);
}

export function readCaption(params: Params): {
  caption?: string;
  caption_entities?: MessageEntity[];
} {
  const raw = params.string('caption');
  if (raw === undefined || raw === '') {
    return {};
  }
  const formatted = formatText(raw, params.string('parse_mode'), params.json('caption_entities'));
  if (formatted.text.length > MAX_CAPTION) {
    throw badRequest('message caption is too long');
  }
  return {
    caption: formatted.text,
    ...(formatted.entities.length ? { caption_entities: formatted.entities } : {}),
  };
}

function withEntities(
  text: string,
  entities: MessageEntity[],
): { text: string; entities?: MessageEntity[] } {
  return entities.length ? { text, entities } : { text };
}

/**
 * reply_markup: any keyboard type is accepted, but only inline keyboards are part of the
 * resulting Message, as on Telegram. Inline buttons are validated the way Telegram does.
 */
export function readReplyMarkup(params: Params): InlineKeyboardMarkup | undefined {
  const markup = params.json<Record<string, unknown>>('reply_markup');
  if (!markup || typeof markup !== 'object') {
    return undefined;
  }
  const rows = markup.inline_keyboard;
  if (rows === undefined) {
    return undefined;
  }
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row))) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const keyboard = rows as InlineKeyboardButton[][];
  for (const button of keyboard.flat()) {
    validateButton(button);
  }
  return { inline_keyboard: keyboard };
}

const ACTIONS: Array<keyof InlineKeyboardButton> = [
  'url',
  'callback_data',
  'web_app',
  'login_url',
  'switch_inline_query',
  'switch_inline_query_current_chat',
  'copy_text',
  'pay',
];

function validateButton(button: InlineKeyboardButton): void {
  if (!button || typeof button.text !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  if (!ACTIONS.some((action) => button[action] !== undefined)) {
    throw badRequest(
      "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    );
  }
  if (button.callback_data !== undefined) {
    const size = Buffer.byteLength(String(button.callback_data), 'utf8');
    if (size < 1 || size > 64) {
      throw badRequest('BUTTON_DATA_INVALID');
    }
  }
  if (button.url !== undefined && !/^(https?:\/\/[^\s]+|tg:\/\/[^\s]+)$/i.test(button.url)) {
    throw badRequest(`inline keyboard button URL '${button.url}' is invalid: Wrong HTTP URL`);
  }
}

/** message_thread_id must name an open topic of a forum supergroup. */
export function readThread(core: FakeCore, target: Target, params: Params): Partial<Message> {
  const threadId = params.int('message_thread_id');
  if (threadId === undefined) {
    return {};
  }
  if (target.kind !== 'group' || !target.record.isForum) {
    throw Errors.threadNotFound();
  }
  const topic = target.record.topics.get(threadId);
  if (!topic) {
    throw Errors.threadNotFound();
  }
  if (topic.closed) {
    throw badRequest('TOPIC_CLOSED');
  }
  const root = topicRoot(core, target.record, threadId);
  return {
    message_thread_id: threadId,
    is_topic_message: true,
    ...(root ? { reply_to_message: root } : {}),
  };
}

/** reply_parameters (or the legacy reply_to_message_id) to a message in the same chat. */
export function readReply(
  core: FakeCore,
  bot: BotAccount,
  target: Target,
  params: Params,
): Partial<Message> {
  const reply = params.json<{ message_id?: number; allow_sending_without_reply?: boolean }>(
    'reply_parameters',
  );
  const messageId = reply?.message_id ?? params.int('reply_to_message_id');
  if (messageId === undefined) {
    return {};
  }
  const stored = findMessage(core, bot, target.chat, Number(messageId));
  if (!stored) {
    const allow = reply?.allow_sending_without_reply ?? params.bool('allow_sending_without_reply');
    if (allow) {
      return {};
    }
    throw badRequest('message to be replied not found');
  }
  // Telegram does not nest replies more than one level deep.
  const original = { ...stored.message };
  delete original.reply_to_message;
  return { reply_to_message: original };
}

export function protectContent(params: Params): Partial<Message> {
  return params.bool('protect_content') ? { has_protected_content: true } : {};
}
