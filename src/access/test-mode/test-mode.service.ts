import { Inject, Injectable } from '@nestjs/common';
import { ChannelsService } from '../../channels/channels.service';
import type { ChannelRecord } from '../../channels/channel.repository';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { GrantService } from '../../memberships/grant.service';
import { TelegramGateway } from '../../telegram/telegram.gateway';
import { accessText } from '../access.texts';
import { Pseudonyms } from '../pseudonyms';
import { durationLabel, isTestDuration, parseTestDuration } from './test-duration';

export const GETLINK_ACTION = /^getlink:(\d+):(-?\d+)$/;

/** Channel buttons of `/getlink <duration>`; beyond them, name the chat in the command. */
const CHANNEL_BUTTONS = 50;

export interface TestModeReply {
  text: string;
  buttons?: Array<Array<{ text: string; callback_data: string }>>;
}

/**
 * Test mode for platform admins (ADMIN_TELEGRAM_IDS): `/getlink 1m [chat]` grants the admin a
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

  /**
   * `/getlink <duration> [chat id | @username]`: with a chat, its test membership at once;
   * without one, a button per live channel across sellers (admins test any channel).
   */
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
    const ref = params.args[1];
    if (ref) {
      const [channel] = await this.resolve(ref);
      return channel
        ? this.grant({ ...params, channel, minutes, key: [params.requestId] })
        : { text: accessText('getlink.noChannels') };
    }
    const channels = await this.channels.listAllLive({ limit: CHANNEL_BUTTONS });
    if (channels.length === 0) {
      return { text: accessText('getlink.noChannels') };
    }
    return {
      text: accessText('getlink.choose', { duration: durationLabel(minutes) }),
      buttons: channels.map((c) => [
        { text: c.title, callback_data: `getlink:${minutes}:${c.chatId}` },
      ]),
    };
  }

  /**
   * A channel button. Nothing at all for anyone but an admin: only admins are shown the buttons,
   * so any other press is a forwarded or forged callback and deserves no answer. The grant is
   * named by the button message and the chat: pressing the same button twice grants once.
   */
  async choose(params: {
    adminId: number;
    minutes: number;
    chatId: number;
    requestId: number;
  }): Promise<TestModeReply | undefined> {
    if (!this.isAdmin(params.adminId)) {
      return undefined;
    }
    const channel = await this.channels.findLiveByChatId(params.chatId);
    if (!channel || !isTestDuration(params.minutes)) {
      return { text: accessText('getlink.noChannels') };
    }
    return this.grant({ ...params, channel, key: [params.requestId, params.chatId] });
  }

  private async grant(params: {
    adminId: number;
    channel: ChannelRecord;
    minutes: number;
    /** Names the request (the command message, or the button message and its chat). */
    key: number[];
  }): Promise<TestModeReply> {
    const { channel } = params;
    await this.grants.grant({
      provider: 'test',
      providerPaymentId: this.pseudonyms.of('getlink', params.adminId, ...params.key),
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
