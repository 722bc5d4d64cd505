import { HttpStatus, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppException } from '../common/errors/app.exception';
import { ChannelChatType, REQUIRED_BOT_RIGHTS, SUPPORTED_CHAT_TYPES } from './bot-rights';
import { ChannelMemberCounts } from './channel-member-counts';
import type { RightsCheckRecord } from './channel-rights-check.repository';
import { ChannelRightsService, RightsObservation } from './channel-rights.service';
import { ChannelRecord, ChannelRepository } from './channel.repository';
import { TelegramChatInspector } from './telegram-chat-inspector';

export interface ChannelView {
  id: string;
  chatId: number;
  type: ChannelChatType;
  title: string;
  username: string | null;
  rightsLost: boolean;
  botStatus: string;
  missingRights: string[];
  rightsCheckedAt: Date | null;
  activeMembers: number;
  createdAt: Date;
}

const unprocessable = (code: string, message: string, details?: unknown): AppException =>
  new AppException(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);

@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly rights: ChannelRightsService,
    private readonly inspector: TelegramChatInspector,
    private readonly memberCounts: ChannelMemberCounts,
    private readonly clock: Clock,
  ) {}

  /** Connects a chat after checking through Telegram that the bot can run it. */
  async connect(
    sellerId: string,
    ref: { chatId?: number; username?: string },
  ): Promise<ChannelView> {
    const chatRef = ref.chatId ?? `@${(ref.username ?? '').replace(/^@/, '')}`;
    const inspection = await this.inspector.inspect(chatRef);
    if (inspection.kind === 'not_found') {
      throw unprocessable(
        'CHAT_NOT_FOUND',
        'Telegram does not know this chat, or it is private and the bot is not in it: ' +
          'add the bot to it as an administrator first',
      );
    }
    if (inspection.kind === 'no_access') {
      throw botNotAdmin(inspection.botStatus);
    }
    const { chat, rights } = inspection;
    if (!isSupportedType(chat.type)) {
      throw unprocessable(
        'CHAT_TYPE_NOT_SUPPORTED',
        `A ${chat.type} cannot be sold: use a channel or a supergroup`,
        { type: chat.type, supported: SUPPORTED_CHAT_TYPES },
      );
    }
    if (!rights.isAdmin) {
      throw botNotAdmin(rights.botStatus);
    }
    if (!rights.ok) {
      throw unprocessable(
        'BOT_MISSING_RIGHTS',
        `The bot is an administrator but lacks: ${rights.missingRights.join(', ')}`,
        { missingRights: rights.missingRights },
      );
    }
    const channel = await this.channels.connect({
      sellerId,
      chatId: chat.id,
      type: chat.type,
      title: chat.title,
      username: chat.username,
      createdAt: this.clock.now(),
    });
    if (!channel) {
      throw AppException.conflict(
        'CHANNEL_ALREADY_CONNECTED',
        'This chat is already connected to a Membergate account',
      );
    }
    const check = await this.rights.observe(channel, {
      ok: true,
      botStatus: rights.botStatus,
      missingRights: [],
      source: 'connect',
      title: chat.title,
    });
    return this.toView(channel, check, 0);
  }

  async list(sellerId: string): Promise<ChannelView[]> {
    const channels = await this.channels.listLive(sellerId);
    const ids = channels.map((c) => c.id);
    const [checks, counts] = await Promise.all([
      this.rights.latestOfEach(sellerId, ids),
      this.memberCounts.countActive(sellerId, ids),
    ]);
    return channels.map((c) => this.toView(c, checks.get(c.id), counts.get(c.id) ?? 0));
  }

  async get(sellerId: string, id: string): Promise<ChannelView> {
    const channel = await this.requireLive(sellerId, id);
    const [check, counts] = await Promise.all([
      this.rights.latest(sellerId, id),
      this.memberCounts.countActive(sellerId, [id]),
    ]);
    return this.toView(channel, check, counts.get(id) ?? 0);
  }

  /** Soft delete: the record stays for history; the chat may be connected again. */
  async remove(sellerId: string, id: string): Promise<void> {
    if (!(await this.channels.softDelete(sellerId, id, this.clock.now()))) {
      throw channelNotFound();
    }
  }

  /** Asks Telegram again and records what it says (a lost right is announced once). */
  async recheck(sellerId: string, id: string): Promise<ChannelView> {
    const channel = await this.requireLive(sellerId, id);
    const inspection = await this.inspector.inspect(channel.chatId);
    const observation: RightsObservation =
      inspection.kind === 'found'
        ? {
            ok: inspection.rights.ok,
            botStatus: inspection.rights.botStatus,
            missingRights: inspection.rights.missingRights,
            source: 'recheck',
            title: inspection.chat.title,
          }
        : {
            ok: false,
            botStatus: inspection.kind === 'no_access' ? inspection.botStatus : 'left',
            missingRights: [...REQUIRED_BOT_RIGHTS],
            source: 'recheck',
          };
    await this.rights.observe(channel, observation);
    return this.get(sellerId, id);
  }

  /**
   * The seller's live channels with these ids, in the given order, or 422 CHANNEL_NOT_FOUND
   * naming the ids that are not (another seller's channel is simply not found).
   */
  async requireLiveChannels(sellerId: string, ids: string[]): Promise<ChannelRecord[]> {
    const unique = [...new Set(ids)];
    const found = await this.channels.findLiveByIds(sellerId, unique);
    const byId = new Map(found.map((c) => [c.id, c]));
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw unprocessable('CHANNEL_NOT_FOUND', `No such channel: ${missing.join(', ')}`, {
        channelIds: missing,
      });
    }
    return unique.map((id) => byId.get(id)!);
  }

  /** The live channel of a Telegram chat, for bot flows that start from a chat id. */
  findLiveByChatId(chatId: number): Promise<ChannelRecord | undefined> {
    return this.channels.findLiveByChatId(chatId);
  }

  /**
   * Live channels across every seller, oldest first, for platform admins (test mode). `limit` is
   * capped at 100, as many buttons as a Telegram keyboard holds.
   */
  listAllLive(options: { limit?: number } = {}): Promise<ChannelRecord[]> {
    return this.channels.listAllLive(Math.min(Math.max(options.limit ?? 50, 1), 100));
  }

  /** Connected channels across every seller (admin statistics). */
  countAllLive(): Promise<number> {
    return this.channels.countAllLive();
  }

  private async requireLive(sellerId: string, id: string): Promise<ChannelRecord> {
    const channel = await this.channels.findLive(sellerId, id);
    if (!channel) {
      throw channelNotFound();
    }
    return channel;
  }

  private toView(
    channel: ChannelRecord,
    check: RightsCheckRecord | undefined,
    activeMembers: number,
  ): ChannelView {
    return {
      id: channel.id,
      chatId: channel.chatId,
      type: channel.type,
      title: check?.title ?? channel.title,
      username: channel.username,
      rightsLost: check ? !check.ok : false,
      botStatus: check?.botStatus ?? 'administrator',
      missingRights: check?.missingRights ?? [],
      rightsCheckedAt: check?.observedAt ?? null,
      activeMembers,
      createdAt: channel.createdAt,
    };
  }
}

function isSupportedType(type: string): type is ChannelChatType {
  return (SUPPORTED_CHAT_TYPES as readonly string[]).includes(type);
}

function channelNotFound(): AppException {
  return AppException.notFound('CHANNEL_NOT_FOUND', 'No such channel');
}

function botNotAdmin(botStatus: string): AppException {
  return unprocessable(
    'BOT_NOT_ADMIN',
    `The bot is not an administrator of this chat (it is ${botStatus}); make it an administrator ` +
      `with: ${REQUIRED_BOT_RIGHTS.join(', ')}`,
    { botStatus, requiredRights: REQUIRED_BOT_RIGHTS },
  );
}
