import { FakeDriverError } from '../errors';
import type { Chat, ChatType, User } from '../types';
import type { IdAllocator } from './ids';
import type { MemberRecord } from './members';

export type GroupChatType = Exclude<ChatType, 'private'>;

export interface TopicRecord {
  threadId: number;
  name: string;
  iconColor: number;
  iconCustomEmojiId?: string;
  closed: boolean;
  creatorId: number;
}

export interface JoinRequestRecord {
  userId: number;
  date: number;
  inviteLink?: string;
}

/** A group, supergroup or channel. Private chats are PrivateDialog below. */
export interface ChatRecord {
  id: number;
  type: GroupChatType;
  title: string;
  username?: string;
  isForum: boolean;
  description?: string;
  ownerId: number;
  members: Map<number, MemberRecord>;
  topics: Map<number, TopicRecord>;
  joinRequests: Map<number, JoinRequestRecord>;
}

/**
 * The private chat between one bot and one user. On Telegram it exists only once the user has
 * started the bot; until then the bot may not write first.
 */
export interface PrivateDialog {
  botId: number;
  userId: number;
  started: boolean;
  blocked: boolean;
  /** A pending join request lets the bot write to the user for 5 minutes (user_chat_id). */
  contactAllowedUntil?: number;
}

export interface CreateChatInput {
  type: GroupChatType;
  title?: string;
  username?: string;
  is_forum?: boolean;
  description?: string;
}

export class ChatStore {
  private readonly chats = new Map<number, ChatRecord>();
  private readonly dialogs = new Map<string, PrivateDialog>();
  private counter = 0;

  constructor(private readonly ids: IdAllocator) {}

  create(input: CreateChatInput, ownerId: number): ChatRecord {
    if (input.is_forum && input.type !== 'supergroup') {
      throw new FakeDriverError('only supergroups can be forums');
    }
    if (input.username && this.findByUsername(input.username)) {
      throw new FakeDriverError(`username @${input.username} is taken`);
    }
    this.counter++;
    const record: ChatRecord = {
      id: input.type === 'group' ? this.ids.group() : this.ids.channel(),
      type: input.type,
      title: input.title ?? `Fake ${input.type} ${this.counter}`,
      username: input.username?.replace(/^@/, ''),
      isForum: input.is_forum ?? false,
      description: input.description,
      ownerId,
      members: new Map(),
      topics: new Map(),
      joinRequests: new Map(),
    };
    this.chats.set(record.id, record);
    return record;
  }

  get(id: number): ChatRecord | undefined {
    return this.chats.get(id);
  }

  require(id: number): ChatRecord {
    const chat = this.chats.get(id);
    if (!chat) {
      throw new FakeDriverError(`unknown chat ${id}; create it with createChat() first`);
    }
    return chat;
  }

  findByUsername(username: string): ChatRecord | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    return [...this.chats.values()].find((c) => c.username?.toLowerCase() === wanted);
  }

  all(): ChatRecord[] {
    return [...this.chats.values()];
  }

  dialog(botId: number, userId: number): PrivateDialog | undefined {
    return this.dialogs.get(`${botId}:${userId}`);
  }

  ensureDialog(botId: number, userId: number): PrivateDialog {
    const key = `${botId}:${userId}`;
    let dialog = this.dialogs.get(key);
    if (!dialog) {
      dialog = { botId, userId, started: false, blocked: false };
      this.dialogs.set(key, dialog);
    }
    return dialog;
  }

  clear(): void {
    this.chats.clear();
    this.dialogs.clear();
  }
}

export function chatObject(record: ChatRecord): Chat {
  return {
    id: record.id,
    type: record.type,
    title: record.title,
    ...(record.username ? { username: record.username } : {}),
    ...(record.isForum ? { is_forum: true as const } : {}),
  };
}

export function privateChatObject(user: User): Chat {
  return {
    id: user.id,
    type: 'private',
    first_name: user.first_name,
    ...(user.last_name ? { last_name: user.last_name } : {}),
    ...(user.username ? { username: user.username } : {}),
  };
}
