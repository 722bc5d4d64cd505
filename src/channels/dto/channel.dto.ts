import { ApiProperty } from '@nestjs/swagger';
import { REQUIRED_BOT_RIGHTS, SUPPORTED_CHAT_TYPES, ChannelChatType } from '../bot-rights';

export class ChannelDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345678' }) id!: string;
  @ApiProperty({ example: -1001234567890 }) chatId!: number;
  @ApiProperty({ enum: SUPPORTED_CHAT_TYPES, example: 'channel' }) type!: ChannelChatType;
  @ApiProperty({ example: 'VIP Signals' }) title!: string;
  @ApiProperty({ example: 'my_vip_channel', nullable: true, type: String })
  username!: string | null;
  @ApiProperty({
    example: false,
    description:
      'The bot lost a right it needs (or was removed); fix it in Telegram, then recheck.',
  })
  rightsLost!: boolean;
  @ApiProperty({ example: 'administrator', description: "The bot's status in the chat" })
  botStatus!: string;
  @ApiProperty({ example: [], isArray: true, enum: REQUIRED_BOT_RIGHTS })
  missingRights!: string[];
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z', nullable: true, type: Date })
  rightsCheckedAt!: Date | null;
  @ApiProperty({ example: 42, description: 'Members with active paid access' })
  activeMembers!: number;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) createdAt!: Date;
}
