import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { BotMembershipChangedEvent, TelegramEvents } from '../telegram/telegram.events';
import { assessBotRights } from './bot-rights';
import { ChannelRepository } from './channel.repository';
import { ChannelRightsService } from './channel-rights.service';

/**
 * Telegram tells us when the bot is promoted, demoted or removed (my_chat_member). For a
 * connected chat that becomes an observation in the rights ledger; a loss flags the channel
 * `rightsLost` and is announced as `channel.rights_lost`. Errors propagate (suppressErrors:
 * false) so the update fails and Telegram delivers it again.
 */
@Injectable()
export class ChannelRightsListener {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly rights: ChannelRightsService,
  ) {}

  @OnEvent(TelegramEvents.BotMembershipChanged, { suppressErrors: false })
  async onBotMembershipChanged(event: BotMembershipChangedEvent): Promise<void> {
    const channel = await this.channels.findLiveByChatId(event.chatId);
    if (!channel) {
      return;
    }
    const assessment = assessBotRights({
      status: event.status,
      rights: {
        can_invite_users: event.canInviteUsers,
        can_restrict_members: event.canRestrictMembers,
      },
    });
    await this.rights.observe(channel, {
      ok: assessment.ok,
      botStatus: assessment.botStatus,
      missingRights: assessment.missingRights,
      source: 'telegram_update',
      ...(event.chatTitle ? { title: event.chatTitle } : {}),
    });
  }
}
