import { Inject, Injectable } from '@nestjs/common';
import { ChannelsService } from '../../channels/channels.service';
import type { ChannelRecord } from '../../channels/channel.repository';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { GrantService } from '../../memberships/grant.service';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { accessText } from '../access.texts';
import { Pseudonyms } from '../pseudonyms';
import { durationLabel, parseTestDuration } from './test-duration';

export const GETLINK_ACTION = /^getlink:(\d+):(-?\d+)$/;

export interface TestModeReply {
  text: string;
  buttons?: Array<Array<{ text: string; callback_data: string }>>;
}

/**
 * Test mode for platform admins (ADMIN_TELEGRAM_IDS): `/getlink 1m <chat>` grants the admin a
 * real membership of that length through the one grant path (provider `test`), so its link, its
 * expiry and removal, and the erasure of its data afterwards run exactly as for a paying member.
 */
@Injectable()
export class TestModeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly channels: ChannelsService,
    private readonly grants: GrantService,
    private readonly gateway: TelegramGateway,
    private readonly pseudonyms: Pseudonyms,
  ) {}

  isAdmin(telegramUserId: number): boolean {
    return this.config.telegram.adminIds.includes(telegramUserId);
  }

  /** `/getlink <duration> [chat id | @username]`. */
  async command(params: {
    adminId: number;
    args: string[];
    requestId: number;
  }): Promise<TestModeReply> {
    if (!this.isAdmin(params.adminId)) {
      return { text: accessText('getlink.forbidden') };
    }
    const minutes = parseTestDuration(params.args[0]);
    if (minutes === undefined) {
      return { text: accessText('getlink.usage') };
    }
    const chats = params.args[1] ? await this.resolve(params.args[1]) : [];
    if (chats.length === 0) {
      return { text: accessText(params.args[1] ? 'getlink.noChannels' : 'getlink.usage') };
    }
    if (chats.length === 1) {
      return this.grant({ ...params, channel: chats[0], minutes });
    }
    return {
      text: accessText('getlink.choose', { duration: durationLabel(minutes) }),
      buttons: chats.map((c) => [
        { text: c.title, callback_data: `getlink:${minutes}:${c.chatId}` },
      ]),
    };
  }

  /** A button of the channel choice. */
  async choose(params: {
    adminId: number;
    minutes: number;
    chatId: number;
    requestId: number;
  }): Promise<TestModeReply> {
    const channel = await this.channels.findLiveByChatId(params.chatId);
    if (
      !this.isAdmin(params.adminId) ||
      !channel ||
      parseTestDuration(`${params.minutes}m`) === undefined
    ) {
      return { text: accessText(channel ? 'getlink.forbidden' : 'getlink.noChannels') };
    }
    return this.grant({ ...params, channel });
  }

  private async grant(params: {
    adminId: number;
    channel: ChannelRecord;
    minutes: number;
    requestId: number;
  }): Promise<TestModeReply> {
    const { channel } = params;
    await this.grants.grant({
      provider: 'test',
      providerPaymentId: this.pseudonyms.of('getlink', params.adminId, params.requestId),
      kind: 'test',
      sellerId: channel.sellerId,
      planId: `test:${channel.id}`,
      telegramUserId: params.adminId,
      channels: [{ channelId: channel.id, chatId: channel.chatId, title: channel.title }],
      durationMinutes: params.minutes,
      accessMode: 'invite_link',
      billing: 'one_off',
    });
    return {
      text: accessText('getlink.granted', {
        title: channel.title,
        duration: durationLabel(params.minutes),
      }),
    };
  }

  /** The connected channel(s) an argument names: a chat id, or an @username asked of Telegram. */
  private async resolve(ref: string): Promise<ChannelRecord[]> {
    let chatId = /^-?\d+$/.test(ref) ? Number(ref) : undefined;
    if (chatId === undefined && /^@?\w{4,}$/.test(ref)) {
      const chat = await this.gateway
        .api()
        .getChat(`@${ref.replace(/^@/, '')}`)
        .catch(() => undefined);
      chatId = chat?.id;
    }
    const channel = chatId === undefined ? undefined : await this.channels.findLiveByChatId(chatId);
    return channel ? [channel] : [];
  }
}
