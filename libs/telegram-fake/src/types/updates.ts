import type { User } from './chat';
import type { ChatJoinRequest, ChatMemberUpdated } from './members';
import type { Message } from './message';

/** Updates, queries, webhook info and the response envelope. */

export interface CallbackQuery {
  id: string;
  from: User;
  message?: Message;
  inline_message_id?: string;
  chat_instance: string;
  data?: string;
}

export interface PreCheckoutQuery {
  id: string;
  from: User;
  currency: string;
  total_amount: number;
  invoice_payload: string;
  shipping_option_id?: string;
}

export interface UpdatePayloads {
  message: Message;
  edited_message: Message;
  channel_post: Message;
  edited_channel_post: Message;
  callback_query: CallbackQuery;
  pre_checkout_query: PreCheckoutQuery;
  my_chat_member: ChatMemberUpdated;
  chat_member: ChatMemberUpdated;
  chat_join_request: ChatJoinRequest;
}

export type UpdateType = keyof UpdatePayloads;

/** Exactly one payload field is set, as on Telegram. */
export type Update = { update_id: number } & {
  [K in UpdateType]: { [P in K]: UpdatePayloads[K] } & { [P in Exclude<UpdateType, K>]?: never };
}[UpdateType];

export interface WebhookInfo {
  url: string;
  has_custom_certificate: boolean;
  pending_update_count: number;
  ip_address?: string;
  last_error_date?: number;
  last_error_message?: string;
  last_synchronization_error_date?: number;
  max_connections?: number;
  allowed_updates?: string[];
}

export interface BotCommand {
  command: string;
  description: string;
}

/** What Telegram answers on every request. */
export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | {
      ok: false;
      error_code: number;
      description: string;
      parameters?: { retry_after?: number; migrate_to_chat_id?: number };
    };
