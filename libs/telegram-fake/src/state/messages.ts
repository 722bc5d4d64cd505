import type { Message } from '../types';

export interface StoredMessage {
  message: Message;
  /** The bot whose message box holds it (for private chats each bot has its own numbering). */
  botId?: number;
  /** Sent through the Bot API by this bot (as opposed to by a user through a driver). */
  sentByBot?: number;
  method?: string;
  /** deleteMessage was called; kept for inspection. */
  deleted?: boolean;
}

/**
 * Every message in every chat, with per-chat id counters. Group/channel ids are shared by all
 * members; a private chat's ids belong to the bot<->user pair, so each bot counts from 1.
 */
export class MessageStore {
  private readonly counters = new Map<string, number>();
  private readonly messages = new Map<string, Map<number, StoredMessage>>();
  private readonly ordered: StoredMessage[] = [];

  static key(chatId: number, botId: number): string {
    return chatId < 0 ? String(chatId) : `${botId}:${chatId}`;
  }

  nextId(key: string): number {
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    return next;
  }

  save(key: string, stored: StoredMessage): StoredMessage {
    let chat = this.messages.get(key);
    if (!chat) {
      chat = new Map();
      this.messages.set(key, chat);
    }
    chat.set(stored.message.message_id, stored);
    this.ordered.push(stored);
    return stored;
  }

  find(key: string, messageId: number): StoredMessage | undefined {
    return this.messages.get(key)?.get(messageId);
  }

  /** In send order, oldest first. */
  all(): StoredMessage[] {
    return [...this.ordered];
  }

  clear(): void {
    this.counters.clear();
    this.messages.clear();
    this.ordered.length = 0;
  }
}
