import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import type { ExecutionContext, OutboxExecutor } from '../outbox-executor';
import { OutboxExecutorRegistry } from '../outbox-executor.registry';
import type { OutboxPayloads, RateClass } from '../outbox.types';
import { TELEGRAM_BOT_KEY, telegramChatKey } from '../rate-policy';
import { classifyTelegramError } from './telegram-error.classifier';
import type {
  ActionResult,
  CreatedInviteLinkResult,
  MessageButton,
  SentMessageResult,
  TelegramOutboxKind,
  TelegramOutboxPayloads,
} from './telegram-outbox.payloads';

interface KindSpec<K extends TelegramOutboxKind> {
  rateClass: RateClass;
  /** Descriptions that mean the wanted state already holds (success, not failure). */
  alreadyDone?: RegExp[];
  call(api: Telegram, payload: TelegramOutboxPayloads[K], signal: AbortSignal): Promise<unknown>;
  /** See OutboxExecutor.keptWhenDone. */
  keptWhenDone?(payload: TelegramOutboxPayloads[K]): TelegramOutboxPayloads[K];
}

/** Stands for a delivered message's text, which is not kept. */
export const TEXT_NOT_KEPT = '(delivered; the text is not kept)';

// telegraf types the signal as the abort-controller polyfill; node-fetch takes the native one.
const options = (signal: AbortSignal): { signal: never } => ({ signal: signal as never });
const unix = (date: Date | undefined): number | undefined =>
  date === undefined ? undefined : Math.floor(new Date(date).getTime() / 1000);
const done = (alreadyDone: boolean): ActionResult => ({ alreadyDone });

const SPECS: { [K in TelegramOutboxKind]: KindSpec<K> } = {
  sendMessage: {
    rateClass: 'telegram-message',
    async call(api, p, signal): Promise<SentMessageResult> {
      const message = await api.callApi(
        'sendMessage',
        {
          chat_id: p.chatId,
          text: p.text,
          ...(p.parseMode ? { parse_mode: p.parseMode } : {}),
          ...(p.buttonRows
            ? {
                reply_markup: {
                  inline_keyboard: p.buttonRows.map((row) => buttonRow(row.buttons)),
                },
              }
            : {}),
          ...(p.disableLinkPreview ? { link_preview_options: { is_disabled: true } } : {}),
        },
        options(signal),
      );
      return { messageId: message.message_id, chatId: message.chat.id };
    },
    keptWhenDone: (p) => ({ chatId: p.chatId, text: TEXT_NOT_KEPT }),
  },
  createInviteLink: {
    rateClass: 'telegram-call',
    async call(api, p, signal): Promise<CreatedInviteLinkResult> {
      const link = await api.callApi(
        'createChatInviteLink',
        {
          chat_id: p.chatId,
          name: p.name,
          member_limit: p.memberLimit,
          expire_date: unix(p.expiresAt),
          creates_join_request: p.createsJoinRequest,
        },
        options(signal),
      );
      return {
        inviteLink: link.invite_link,
        createsJoinRequest: link.creates_join_request,
        // Only what Telegram set: the result is stored, and undefined would be stored as null.
        ...(link.name === undefined ? {} : { name: link.name }),
        ...(link.expire_date === undefined ? {} : { expiresAt: new Date(link.expire_date * 1000) }),
        ...(link.member_limit === undefined ? {} : { memberLimit: link.member_limit }),
      };
    },
  },
  approveJoinRequest: {
    rateClass: 'telegram-call',
    alreadyDone: [/USER_ALREADY_PARTICIPANT/],
    async call(api, p, signal) {
      await api.callApi(
        'approveChatJoinRequest',
        { chat_id: p.chatId, user_id: p.userId },
        options(signal),
      );
      return done(false);
    },
  },
  declineJoinRequest: {
    rateClass: 'telegram-call',
    async call(api, p, signal) {
      await api.callApi(
        'declineChatJoinRequest',
        { chat_id: p.chatId, user_id: p.userId },
        options(signal),
      );
      return done(false);
    },
  },
  banChatMember: {
    rateClass: 'telegram-call',
    async call(api, p, signal) {
      await api.callApi(
        'banChatMember',
        {
          chat_id: p.chatId,
          user_id: p.userId,
          until_date: unix(p.until),
          revoke_messages: p.revokeMessages,
        },
        options(signal),
      );
      return done(false);
    },
  },
  unbanChatMember: {
    rateClass: 'telegram-call',
    async call(api, p, signal) {
      await api.callApi(
        'unbanChatMember',
        { chat_id: p.chatId, user_id: p.userId, only_if_banned: p.onlyIfBanned ?? true },
        options(signal),
      );
      return done(false);
    },
  },
  revokeInviteLink: {
    rateClass: 'telegram-call',
    async call(api, p, signal) {
      await api.callApi(
        'revokeChatInviteLink',
        { chat_id: p.chatId, invite_link: p.inviteLink },
        options(signal),
      );
      return done(false);
    },
  },
};

function buttonRow(row: MessageButton[]): InlineKeyboardButton[] {
  return row.map((b) =>
    'url' in b ? { text: b.text, url: b.url } : { text: b.text, callback_data: b.callbackData },
  );
}

class TelegramExecutor<K extends TelegramOutboxKind> implements OutboxExecutor<K> {
  readonly rateClass: RateClass;

  constructor(
    readonly kind: K,
    private readonly spec: KindSpec<K>,
    private readonly gateway: TelegramGateway,
  ) {
    this.rateClass = spec.rateClass;
  }

  available(): boolean {
    return this.gateway.enabled;
  }

  chatKey(payload: TelegramOutboxPayloads[K]): string {
    return this.rateClass === 'telegram-message'
      ? telegramChatKey(payload.chatId)
      : TELEGRAM_BOT_KEY;
  }

  keptWhenDone(payload: TelegramOutboxPayloads[K]): OutboxPayloads[K] {
    // OutboxPayloads extends TelegramOutboxPayloads, so for a Telegram kind the two are one type.
    return (
      this.spec.keptWhenDone ? this.spec.keptWhenDone(payload) : payload
    ) as OutboxPayloads[K];
  }

  execute(payload: TelegramOutboxPayloads[K], context: ExecutionContext): Promise<unknown> {
    return this.spec.call(this.gateway.api(), payload, context.signal);
  }

  classify(error: unknown): ReturnType<OutboxExecutor['classify']> {
    return classifyTelegramError(error, { alreadyDone: this.spec.alreadyDone });
  }
}

/** Registers an executor for every Telegram job kind. */
@Injectable()
export class TelegramOutboxExecutors implements OnModuleInit {
  constructor(
    private readonly registry: OutboxExecutorRegistry,
    private readonly gateway: TelegramGateway,
  ) {}

  onModuleInit(): void {
    for (const kind of Object.keys(SPECS) as TelegramOutboxKind[]) {
      this.register(kind);
    }
  }

  private register<K extends TelegramOutboxKind>(kind: K): void {
    this.registry.register(new TelegramExecutor(kind, SPECS[kind] as KindSpec<K>, this.gateway));
  }
}
