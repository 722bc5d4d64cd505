import { ApiProperty } from '@nestjs/swagger';

export class TelegramUserDto {
  @ApiProperty({ example: 123456789 }) telegramUserId!: number;
  @ApiProperty({ example: 'ann_smith', nullable: true, type: String }) username!: string | null;
  @ApiProperty({ example: 'Ann', nullable: true, type: String }) firstName!: string | null;
  @ApiProperty({ example: 'Smith', nullable: true, type: String }) lastName!: string | null;
  @ApiProperty({ example: 'en', nullable: true, type: String }) languageCode!: string | null;
  @ApiProperty({
    example: '2026-01-01T10:00:00.000Z',
    nullable: true,
    type: Date,
    description: 'Null for an id banned before it ever wrote to the bot',
  })
  firstSeenAt!: Date | null;
  @ApiProperty({
    example: '2026-01-05T10:00:00.000Z',
    nullable: true,
    type: Date,
    description: 'Refreshed at most every 5 minutes',
  })
  lastSeenAt!: Date | null;
  @ApiProperty({ example: false, description: 'The user blocked the bot (Telegram answered 403)' })
  blockedBot!: boolean;
  @ApiProperty({ example: false }) banned!: boolean;
  @ApiProperty({ example: null, nullable: true, type: Date }) bannedAt!: Date | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'tg:<admin id>' })
  bannedBy!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String }) banReason!: string | null;
}

export class TelegramUserPageDto {
  @ApiProperty({ type: TelegramUserDto, isArray: true }) items!: TelegramUserDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}
