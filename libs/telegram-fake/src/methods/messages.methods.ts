import { badRequest } from '../errors';
import { hasRight } from '../state/members';
import { requireCanSend, requireVisible, resolveTarget, type Target } from '../services/access';
import { findMessage, storeBotMessage, type MessageFields } from '../services/messages';
import type { FileRecord } from '../state/files';
import type { Message, MessageId, MessageOrigin, PhotoSize } from '../types';
import {
  protectContent,
  readCaption,
  readReply,
  readReplyMarkup,
  readText,
  readThread,
} from './common';
import type { MethodContext, MethodTable } from './context';

/** Common path of every send* method: resolve, check access, thread, reply, markup, store. */
function send(ctx: MethodContext, fields: MessageFields, target?: Target): Message {
  const { core, bot, params } = ctx;
  const resolved = target ?? resolveTarget(core, bot, params.chatId());
  requireCanSend(core, resolved);
  const markup = readReplyMarkup(params);
  return storeBotMessage(
    core,
    bot,
    resolved.chat,
    {
      ...readThread(core, resolved, params),
      ...readReply(core, bot, resolved, params),
      ...fields,
      ...protectContent(params),
      ...(markup ? { reply_markup: markup } : {}),
    },
    ctx.method,
  );
}

/** A file parameter: an upload (multipart) or a string (file_id or URL). */
function readFile(ctx: MethodContext, name: string, kind: FileRecord['kind']): FileRecord {
  const upload = ctx.params.file(name);
  if (upload) {
    return ctx.core.files.register({
      kind,
      fileName: upload.fileName,
      mimeType: upload.contentType,
      size: upload.data.length,
      data: upload.data,
    });
  }
  const reference = ctx.params.string(name);
  if (!reference) {
    throw badRequest(`there is no ${kind} in the request`);
  }
  // telegraf sends attach://<name> when it uploads under another part name.
  const attached = /^attach:\/\/(.+)$/.exec(reference);
  if (attached) {
    return readFile(ctx, attached[1], kind);
  }
  return ctx.core.files.resolveReference(reference, kind);
}

function photoSizes(file: FileRecord): PhotoSize[] {
  // Telegram returns several thumbnails of the same picture, smallest first.
  const dims: Array<[number, number]> = [
    [90, 60],
    [320, 213],
    [800, 533],
  ];
  return dims.map(([width, height], index) => ({
    file_id: `${file.fileId}${index}`,
    file_unique_id: `${file.fileUniqueId}${index}`,
    width,
    height,
    file_size: Math.max(1, Math.round((file.size || 50_000) * ((index + 1) / dims.length))),
  }));
}

function sourceMessage(ctx: MethodContext): { message: Message; fromTarget: Target } {
  const { core, bot, params } = ctx;
  const fromTarget = resolveTarget(core, bot, params.chatId('from_chat_id'));
  requireVisible(core, fromTarget);
  const stored = findMessage(core, bot, fromTarget.chat, params.requiredInt('message_id'));
  if (!stored) {
    throw badRequest(`message to ${ctx.method === 'copyMessage' ? 'copy' : 'forward'} not found`);
  }
  return { message: stored.message, fromTarget };
}

function isServiceMessage(message: Message): boolean {
  return Boolean(
    message.new_chat_members ||
    message.left_chat_member ||
    message.forum_topic_created ||
    message.forum_topic_closed ||
    message.successful_payment ||
    message.refunded_payment,
  );
}

function contentOf(message: Message): MessageFields {
  const fields: MessageFields = {};
  if (message.text !== undefined) {
    fields.text = message.text;
  }
  if (message.entities) {
    fields.entities = message.entities;
  }
  if (message.photo) {
    fields.photo = message.photo;
  }
  if (message.document) {
    fields.document = message.document;
  }
  if (message.caption !== undefined) {
    fields.caption = message.caption;
  }
  if (message.caption_entities) {
    fields.caption_entities = message.caption_entities;
  }
  return fields;
}

export const messageMethods: MethodTable = {
  sendMessage: (ctx) => send(ctx, readText(ctx.params)),

  sendPhoto: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireCanSend(ctx.core, target);
    const photo = photoSizes(readFile(ctx, 'photo', 'photo'));
    return send(ctx, { photo, ...readCaption(ctx.params) }, target);
  },

  sendDocument: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireCanSend(ctx.core, target);
    const file = readFile(ctx, 'document', 'document');
    return send(
      ctx,
      {
        document: {
          file_id: file.fileId,
          file_unique_id: file.fileUniqueId,
          ...(file.fileName ? { file_name: file.fileName } : {}),
          ...(file.mimeType ? { mime_type: file.mimeType } : {}),
          file_size: file.size,
        },
        ...readCaption(ctx.params),
      },
      target,
    );
  },

  copyMessage: (ctx): MessageId => {
    const { message } = sourceMessage(ctx);
    if (isServiceMessage(message) || message.invoice) {
      throw badRequest("message can't be copied");
    }
    const fields = contentOf(message);
    if (ctx.params.string('caption') !== undefined) {
      Object.assign(fields, readCaption(ctx.params));
    }
    const copy = send(ctx, fields);
    return { message_id: copy.message_id };
  },

  forwardMessage: (ctx) => {
    const { message, fromTarget } = sourceMessage(ctx);
    if (isServiceMessage(message)) {
      throw badRequest("message can't be forwarded");
    }
    if (message.has_protected_content) {
      throw badRequest("message can't be forwarded");
    }
    const origin: MessageOrigin =
      fromTarget.chat.type === 'channel'
        ? {
            type: 'channel',
            date: message.date,
            chat: fromTarget.chat,
            message_id: message.message_id,
          }
        : message.from
          ? { type: 'user', date: message.date, sender_user: message.from }
          : { type: 'chat', date: message.date, sender_chat: fromTarget.chat };
    return send(ctx, { ...contentOf(message), forward_origin: origin });
  },

  sendChatAction: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireCanSend(ctx.core, target);
    ctx.params.requiredString('action');
    return true;
  },

  deleteMessage: (ctx) => {
    const target = resolveTarget(ctx.core, ctx.bot, ctx.params.chatId());
    requireVisible(ctx.core, target);
    const stored = findMessage(
      ctx.core,
      ctx.bot,
      target.chat,
      ctx.params.requiredInt('message_id'),
    );
    if (!stored || stored.deleted) {
      throw badRequest('message to delete not found');
    }
    const own = stored.sentByBot === ctx.bot.id;
    const moderator =
      target.kind === 'group' &&
      hasRight(target.botMember, 'can_delete_messages', target.record.type);
    if (!own && !moderator) {
      throw badRequest("message can't be deleted");
    }
    stored.deleted = true;
    ctx.core.changed();
    return true;
  },
};
