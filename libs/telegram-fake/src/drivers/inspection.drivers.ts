import type { ApiCall } from '../call-log';
import type { CallbackQueryRecord, FakeCore } from '../core';
import { FakeDriverError } from '../errors';
import type { FaultRule, FaultSpec } from '../faults';
import type { RateLimitConfig } from '../rate-limiter';
import { linkObject } from '../services/membership';
import { toChatMember } from '../state/members';
import type { WebhookDelivery } from '../updates/webhook-manager';
import type { BotCommand, ChatInviteLink, ChatMember, Message, Update } from '../types';
import type { BotRef } from './driver-base';
import { PaymentDrivers } from './payment.drivers';

export interface WaitOptions {
  timeoutMs?: number;
  /** Shown in the timeout error so a failing test says what it was waiting for. */
  description?: string;
}

export type MessageMatcher = (message: Message) => boolean;

/** Reading what happened, waiting for effects, faults and rate limits, reset. */
export abstract class InspectionDrivers extends PaymentDrivers {
  protected constructor(core: FakeCore) {
    super(core);
  }

  /** Recorded Bot API calls, oldest first, optionally for one method. */
  calls(method?: string): ApiCall[] {
    return this.core.calls.list(method);
  }

  lastCall(method?: string): ApiCall | undefined {
    return this.calls(method).at(-1);
  }

  /** Messages bots sent into a chat (a user id = the private chat), oldest first, as last edited. */
  messagesTo(chatId: number, options: { bot?: BotRef; includeDeleted?: boolean } = {}): Message[] {
    const botId = options.bot === undefined ? undefined : this.botAccount(options.bot).id;
    return this.core.messages
      .all()
      .filter((s) => s.sentByBot !== undefined && s.message.chat.id === chatId)
      .filter((s) => botId === undefined || s.sentByBot === botId)
      .filter((s) => options.includeDeleted || !s.deleted)
      .map((s) => s.message);
  }

  /** Every message any bot sent, oldest first. */
  sentMessages(options: { bot?: BotRef } = {}): Message[] {
    const botId = options.bot === undefined ? undefined : this.botAccount(options.bot).id;
    return this.core.messages
      .all()
      .filter((s) => s.sentByBot !== undefined && (botId === undefined || s.sentByBot === botId))
      .map((s) => s.message);
  }

  /** Updates queued for a bot and not yet confirmed (getUpdates offset / webhook 2xx). */
  pendingUpdates(options: { bot?: BotRef } = {}): Update[] {
    return this.botAccount(options.bot).queue.peek(Number.MAX_SAFE_INTEGER);
  }

  webhookDeliveries(options: { bot?: BotRef } = {}): WebhookDelivery[] {
    const botId = options.bot === undefined ? undefined : this.botAccount(options.bot).id;
    return this.core.webhooks.deliveries.filter((d) => botId === undefined || d.botId === botId);
  }

  callbackAnswer(queryId: string): CallbackQueryRecord['answer'] {
    return this.core.callbackQueries.get(queryId)?.answer;
  }

  chatMember(chatId: number, userId: number): ChatMember {
    const record = this.chatRecord(chatId);
    return toChatMember(
      record.members.get(userId),
      this.userRecord(userId),
      record.type,
      this.core.clock.now(),
    );
  }

  inviteLinks(chatId: number): ChatInviteLink[] {
    return this.core.links.forChat(chatId).map((link) => linkObject(this.core, link));
  }

  /** Pending join requests of a chat: user ids with the link they used. */
  joinRequests(chatId: number): Array<{ userId: number; date: number; inviteLink?: string }> {
    return [...this.chatRecord(chatId).joinRequests.values()].map((r) => ({ ...r }));
  }

  botCommands(options: { bot?: BotRef } = {}): BotCommand[] {
    const key = JSON.stringify(['default', null, null, '']);
    return this.botAccount(options.bot).commands.get(key) ?? [];
  }

  /**
   * Resolves with the first truthy value of `probe`, re-evaluated on every change in the fake
   * (call, message, update, delivery) and on a short interval for time-based conditions.
   */
  waitFor<T>(
    probe: () => T | undefined | null | false,
    wait: WaitOptions | number = {},
  ): Promise<T> {
    const options = typeof wait === 'number' ? { timeoutMs: wait } : wait;
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const finish = (): void => {
        done = true;
        unsubscribe();
        clearInterval(interval);
        clearTimeout(timer);
      };
      const check = (): void => {
        if (done) {
          return;
        }
        let value: T | undefined | null | false;
        try {
          value = probe();
        } catch (error) {
          finish();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value) {
          finish();
          resolve(value);
        }
      };
      const unsubscribe = this.core.onChange(check);
      const interval = setInterval(check, 25);
      const timer = setTimeout(() => {
        if (done) {
          return;
        }
        finish();
        const recent = this.calls()
          .slice(-5)
          .map((c) => `${c.method}:${c.ok ? 'ok' : c.error_code}`);
        reject(
          new FakeDriverError(
            `waitFor timed out after ${timeoutMs} ms${options.description ? ` waiting for ${options.description}` : ''}; last calls: ${recent.join(', ') || 'none'}`,
          ),
        );
      }, timeoutMs);
      check();
    });
  }

  /** The first recorded call (after `afterSeq`, if given) matching the method or predicate. */
  waitForCall(
    match: string | ((call: ApiCall) => boolean),
    wait: (WaitOptions & { afterSeq?: number }) | number = {},
  ): Promise<ApiCall> {
    const options = typeof wait === 'number' ? { timeoutMs: wait } : wait;
    const predicate = typeof match === 'string' ? (c: ApiCall) => c.method === match : match;
    const after = options.afterSeq ?? 0;
    return this.waitFor(() => this.calls().find((c) => c.seq > after && predicate(c)), {
      description: typeof match === 'string' ? `a ${match} call` : 'a matching call',
      ...options,
    });
  }

  /** The first message a bot sent into `chatId` (or anywhere) that matches. */
  waitForMessage(
    match: { chatId?: number; text?: string | RegExp } | MessageMatcher,
    wait: WaitOptions | number = {},
  ): Promise<Message> {
    const options = typeof wait === 'number' ? { timeoutMs: wait } : wait;
    const predicate: MessageMatcher =
      typeof match === 'function'
        ? match
        : (m) =>
            (match.chatId === undefined || m.chat.id === match.chatId) &&
            (match.text === undefined ||
              (typeof match.text === 'string'
                ? m.text === match.text
                : match.text.test(m.text ?? m.caption ?? '')));
    return this.waitFor(() => this.sentMessages().find(predicate), {
      description: 'a bot message',
      ...options,
    });
  }

  /** Make calls fail, slow down or hang. Returns an id for clearFault(). */
  injectFault(spec: FaultSpec): string {
    return this.core.faults.add(spec);
  }

  clearFault(id: string): void {
    this.core.faults.remove(id);
  }

  clearFaults(): void {
    this.core.faults.clear();
  }

  faults(): FaultRule[] {
    return this.core.faults.list();
  }

  /** Enforce Telegram's flood limits (strict sliding windows); override limits for fast tests. */
  enableRateLimits(config: Partial<RateLimitConfig> = {}): void {
    this.core.rateLimiter.enable(config);
  }

  disableRateLimits(): void {
    this.core.rateLimiter.disable();
  }

  /**
   * Forget users, chats, links, messages, payments, calls, faults, rate-limit windows and
   * pending updates. Bots keep their token, identity and webhook unless `bots: true`, so an
   * application started once can be reused across tests.
   */
  reset(options: { bots?: boolean } = {}): void {
    const bots = this.core.bots.all();
    for (const bot of bots) {
      bot.queue.clear();
      bot.queue.terminateWaiter();
      if (options.bots) {
        this.core.webhooks.deactivate(bot);
      }
    }
    const keep = options.bots ? [] : bots.map((b) => b.user);
    for (const user of this.core.users.all()) {
      if (!keep.includes(user)) {
        this.core.users.remove(user.id);
      }
    }
    if (options.bots) {
      this.core.bots.clear();
    }
    this.core.chats.clear();
    this.core.links.clear();
    this.core.messages.clear();
    this.core.payments.clear();
    this.core.files.clear();
    this.core.callbackQueries.clear();
    this.core.calls.clear();
    this.core.faults.clear();
    this.core.rateLimiter.disable();
    this.core.webhooks.clearHistory();
    this.core.clock.reset();
    this.core.changed();
  }
}
