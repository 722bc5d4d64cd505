import { EventEmitter } from 'node:events';
import { CallLog } from './call-log';
import { FakeClock } from './clock';
import { FakeDriverError } from './errors';
import { FaultInjector } from './faults';
import { RateLimiter } from './rate-limiter';
import { BotStore, type BotAccount } from './state/bots';
import { ChatStore } from './state/chats';
import { FileStore } from './state/files';
import { IdAllocator } from './state/ids';
import { InviteLinkStore } from './state/invite-links';
import { MessageStore } from './state/messages';
import { PaymentStore } from './state/payments';
import { UserStore } from './state/users';
import type { Update, UpdatePayloads, UpdateType } from './types';
import { WebhookManager, type WebhookOptions } from './updates/webhook-manager';

export interface FakeOptions {
  webhook: WebhookOptions;
  /** How long a user waits for answerPreCheckoutQuery; Telegram gives bots 10 s. */
  preCheckoutTimeoutMs: number;
}

export type FakeOptionsInput = Partial<Omit<FakeOptions, 'webhook'>> & {
  webhook?: Partial<WebhookOptions>;
};

export const DEFAULT_OPTIONS: FakeOptions = {
  webhook: { attempts: 4, backoffMs: 50, timeoutMs: 10_000 },
  preCheckoutTimeoutMs: 10_000,
};

export interface CallbackQueryRecord {
  id: string;
  botId: number;
  userId: number;
  createdAt: number;
  answer?: { text?: string; show_alert?: boolean; url?: string; cache_time?: number };
}

/**
 * Everything the fake knows, shared by the Bot API methods and the test drivers, plus the
 * change notifications that waitFor() listens to.
 */
export class FakeCore {
  readonly options: FakeOptions;
  readonly clock = new FakeClock();
  readonly ids = new IdAllocator();
  readonly users = new UserStore(this.ids);
  readonly bots = new BotStore(this.ids, this.users);
  readonly chats = new ChatStore(this.ids);
  readonly links = new InviteLinkStore();
  readonly messages = new MessageStore();
  readonly payments = new PaymentStore();
  readonly files = new FileStore();
  readonly callbackQueries = new Map<string, CallbackQueryRecord>();
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  readonly rateLimiter = new RateLimiter();
  readonly webhooks: WebhookManager;
  private readonly events = new EventEmitter();

  constructor(options: FakeOptionsInput = {}) {
    this.options = {
      preCheckoutTimeoutMs: options.preCheckoutTimeoutMs ?? DEFAULT_OPTIONS.preCheckoutTimeoutMs,
      webhook: { ...DEFAULT_OPTIONS.webhook, ...options.webhook },
    };
    this.events.setMaxListeners(0);
    this.webhooks = new WebhookManager(this.options.webhook, () => this.changed());
  }

  /** Something observable happened: a call, a message, an update, a delivery. */
  changed(): void {
    this.events.emit('change');
  }

  onChange(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  /** Queues an update for a bot unless its allowed_updates exclude the type. */
  enqueue<K extends UpdateType>(
    bot: BotAccount,
    type: K,
    payload: UpdatePayloads[K],
  ): Update | undefined {
    if (!bot.accepts(type)) {
      return undefined;
    }
    const body = { [type]: payload } as { [P in K]: UpdatePayloads[K] };
    const update = bot.queue.push(body as Parameters<BotAccount['queue']['push']>[0]);
    this.changed();
    return update;
  }

  /** Default bot for drivers: the one given, else the only/first bot. */
  bot(ref?: string | number): BotAccount {
    if (ref === undefined) {
      const first = this.bots.all()[0];
      if (!first) {
        throw new FakeDriverError('no bot exists; call createBot() first');
      }
      return first;
    }
    const bot =
      typeof ref === 'number'
        ? this.bots.get(ref)
        : (this.bots.byTokenOrUndefined(ref) ?? this.bots.get(Number(ref)));
    if (!bot) {
      throw new FakeDriverError(`unknown bot ${ref}`);
    }
    return bot;
  }
}
