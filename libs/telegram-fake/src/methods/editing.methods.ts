import { Errors, badRequest } from '../errors';
import { requireVisible, resolveTarget } from '../services/access';
import { findMessage } from '../services/messages';
import type { StoredMessage } from '../state/messages';
import type { InlineKeyboardMarkup, Message } from '../types';
import { readReplyMarkup, readText } from './common';
import type { MethodContext, MethodTable } from './context';

/** Callback queries must be answered within this many seconds (Telegram: about 15). */
const CALLBACK_ANSWER_WINDOW = 15;

function editable(ctx: MethodContext): StoredMessage {
  const { core, bot, params } = ctx;
  if (params.has('inline_message_id')) {
    throw Errors.messageToEditNotFound();
  }
  const target = resolveTarget(core, bot, params.chatId());
  requireVisible(core, target);
  const stored = findMessage(core, bot, target.chat, params.requiredInt('message_id'));
  if (!stored || stored.deleted) {
    throw Errors.messageToEditNotFound();
  }
  if (stored.sentByBot !== bot.id) {
    throw Errors.messageCantBeEdited();
  }
  return stored;
}

/**
 * Applies an edit. Omitting reply_markup removes the inline keyboard, exactly like Telegram;
 * an edit that changes nothing is refused with "message is not modified".
 */
function applyEdit(ctx: MethodContext, stored: StoredMessage, changes: Partial<Message>): Message {
  const markup: InlineKeyboardMarkup | undefined = readReplyMarkup(ctx.params);
  const next: Message = { ...stored.message, ...changes };
  delete next.reply_markup;
  if (markup && markup.inline_keyboard.length > 0) {
    next.reply_markup = markup;
  }
  if (!changes.entities) {
    delete next.entities;
  }
  const before = JSON.stringify({ ...stored.message, edit_date: undefined });
  if (JSON.stringify({ ...next, edit_date: undefined }) === before) {
    throw Errors.messageNotModified();
  }
  next.edit_date = ctx.core.clock.now();
  stored.message = next;
  ctx.core.changed();
  return next;
}

export const editingMethods: MethodTable = {
  editMessageText: (ctx) => {
    const stored = editable(ctx);
    if (stored.message.text === undefined) {
      throw badRequest('there is no text in the message to edit');
    }
    const { text, entities } = readText(ctx.params);
    return applyEdit(ctx, stored, { text, ...(entities ? { entities } : {}) });
  },

  editMessageReplyMarkup: (ctx) => {
    const stored = editable(ctx);
    const keep = stored.message.entities ? { entities: stored.message.entities } : {};
    return applyEdit(ctx, stored, keep);
  },

  answerCallbackQuery: (ctx) => {
    const { core, bot, params } = ctx;
    const query = core.callbackQueries.get(params.requiredString('callback_query_id'));
    if (
      !query ||
      query.botId !== bot.id ||
      query.answer ||
      core.clock.now() - query.createdAt > CALLBACK_ANSWER_WINDOW
    ) {
      throw Errors.queryTooOld();
    }
    const text = params.string('text');
    if (text && text.length > 200) {
      throw badRequest('MESSAGE_TOO_LONG');
    }
    query.answer = {
      ...(text ? { text } : {}),
      ...(params.bool('show_alert') ? { show_alert: true } : {}),
      ...(params.string('url') ? { url: params.string('url') } : {}),
      ...(params.int('cache_time') !== undefined ? { cache_time: params.int('cache_time') } : {}),
    };
    core.changed();
    return true;
  },
};
