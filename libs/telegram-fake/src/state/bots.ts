import { FakeDriverError } from '../errors';
import type { BotCommand, UpdateType, User } from '../types';
import { UpdateQueue } from '../updates/update-queue';
import type { IdAllocator } from './ids';
import { randomToken } from './ids';
import type { UserStore } from './users';

/** Telegram leaves these out unless a bot asks for them explicitly. */
export const OPT_IN_UPDATE_TYPES: readonly string[] = [
  'chat_member',
  'message_reaction',
  'message_reaction_count',
];

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
  ipAddress?: string;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface CreateBotInput {
  token?: string;
  username?: string;
  first_name?: string;
  /** Turns privacy mode off: the bot then sees every group message. */
  canReadAllGroupMessages?: boolean;
}

export class BotAccount {
  readonly queue = new UpdateQueue();
  webhook?: WebhookConfig;
  /** undefined = Telegram's default set (everything except the opt-in types). */
  allowedUpdates?: string[];
  readonly commands = new Map<string, BotCommand[]>();

  constructor(
    readonly token: string,
    /** The bot as other users see it (message senders, chat members). */
    readonly user: User,
    /** Bots have privacy mode on by default: in groups they only see commands and replies. */
    readonly privacyMode: boolean,
  ) {}

  get id(): number {
    return this.user.id;
  }

  /** getMe adds the bot-only capability fields to the plain User. */
  me(): User {
    return {
      ...this.user,
      can_join_groups: true,
      can_read_all_group_messages: !this.privacyMode,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
    };
  }

  /** allowed_updates is applied when an update is created, as on Telegram. */
  accepts(type: UpdateType): boolean {
    if (!this.allowedUpdates || this.allowedUpdates.length === 0) {
      return !OPT_IN_UPDATE_TYPES.includes(type);
    }
    return this.allowedUpdates.includes(type);
  }
}

export class BotStore {
  private readonly byToken = new Map<string, BotAccount>();
  private readonly byId = new Map<number, BotAccount>();

  constructor(
    private readonly ids: IdAllocator,
    private readonly users: UserStore,
  ) {}

  create(input: CreateBotInput = {}): BotAccount {
    let id: number;
    let token: string;
    if (input.token) {
      const match = /^(\d+):[\w-]+$/.exec(input.token);
      if (!match) {
        throw new FakeDriverError(`token must look like "<bot id>:<secret>"`);
      }
      id = Number(match[1]);
      token = input.token;
      this.ids.reserveBot(id);
    } else {
      id = this.ids.bot();
      token = `${id}:AA${randomToken(33)}`;
    }
    if (this.byToken.has(token) || this.byId.has(id)) {
      throw new FakeDriverError(`bot ${id} already exists`);
    }
    const username = input.username ?? `fake_${id}_bot`;
    const user: User = { id, is_bot: true, first_name: input.first_name ?? 'Fake Bot', username };
    this.users.add(user);
    const bot = new BotAccount(token, user, !input.canReadAllGroupMessages);
    this.byToken.set(token, bot);
    this.byId.set(id, bot);
    return bot;
  }

  byTokenOrUndefined(token: string): BotAccount | undefined {
    return this.byToken.get(token);
  }

  get(id: number): BotAccount | undefined {
    return this.byId.get(id);
  }

  all(): BotAccount[] {
    return [...this.byId.values()];
  }

  clear(): void {
    for (const bot of this.byId.values()) {
      this.users.remove(bot.id);
    }
    this.byToken.clear();
    this.byId.clear();
  }
}
