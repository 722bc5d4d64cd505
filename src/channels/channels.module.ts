import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ChannelMemberCounts } from './channel-member-counts';
import { ChannelRightsAlertRepository } from './channel-rights-alert.repository';
import { ChannelRightsCheckRepository } from './channel-rights-check.repository';
import { ChannelRightsListener } from './channel-rights.listener';
import { ChannelRightsService } from './channel-rights.service';
import { ChannelRepository } from './channel.repository';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import {
  ChannelRightsAlert,
  ChannelRightsAlertSchema,
} from './schemas/channel-rights-alert.schema';
import {
  ChannelRightsCheck,
  ChannelRightsCheckSchema,
} from './schemas/channel-rights-check.schema';
import { Channel, ChannelSchema } from './schemas/channel.schema';
import { TelegramChatInspector } from './telegram-chat-inspector';

/**
 * Sellers' Telegram channels: connection after a rights check, the rights ledger fed by rechecks
 * and Telegram updates, and `channel.rights_lost`. Uses TelegramGateway (global TelegramModule).
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Channel.name, schema: ChannelSchema },
      { name: ChannelRightsCheck.name, schema: ChannelRightsCheckSchema },
      { name: ChannelRightsAlert.name, schema: ChannelRightsAlertSchema },
    ]),
  ],
  controllers: [ChannelsController],
  providers: [
    ChannelRepository,
    ChannelRightsCheckRepository,
    ChannelRightsAlertRepository,
    ChannelRightsService,
    ChannelRightsListener,
    ChannelsService,
    ChannelMemberCounts,
    TelegramChatInspector,
  ],
  exports: [ChannelsService, ChannelMemberCounts],
})
export class ChannelsModule {}
