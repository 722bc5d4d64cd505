import { ApiProperty } from '@nestjs/swagger';

export class CurrencyTotalDto {
  @ApiProperty({ example: 'USD', description: 'XTR for Telegram Stars' }) currency!: string;
  @ApiProperty({ example: 12 }) count!: number;
  @ApiProperty({ example: 23988, description: 'Minor units (whole Stars for XTR)' })
  amountMinor!: number;
}

export class PaymentsWindowDto {
  @ApiProperty({ example: '2026-01-01' }) fromDay!: string;
  @ApiProperty({ example: '2026-01-07' }) toDay!: string;
  @ApiProperty({ example: 14, description: 'Succeeded payments' }) count!: number;
  @ApiProperty({ type: CurrencyTotalDto, isArray: true }) byCurrency!: CurrencyTotalDto[];
}

export class PaymentsWindowsDto {
  @ApiProperty({ type: PaymentsWindowDto }) today!: PaymentsWindowDto;
  @ApiProperty({ type: PaymentsWindowDto }) last7Days!: PaymentsWindowDto;
  @ApiProperty({ type: PaymentsWindowDto }) last30Days!: PaymentsWindowDto;
}

export class UsersOverviewDto {
  @ApiProperty({ example: 1520, description: 'Telegram users who wrote to the bot' })
  total!: number;
  @ApiProperty({ example: 31 }) blockedBot!: number;
  @ApiProperty({ example: 2 }) banned!: number;
}

export class OutboxBacklogDto {
  @ApiProperty({ example: 3 }) backlog!: number;
  @ApiProperty({ example: 1200 }) oldestDueAgeMs!: number;
}

export class PlatformStatsDto {
  @ApiProperty({ example: '2026-01-07T12:00:00.000Z' }) generatedAt!: Date;
  @ApiProperty({ type: UsersOverviewDto }) users!: UsersOverviewDto;
  @ApiProperty({ example: 42 }) sellers!: number;
  @ApiProperty({ example: 57, description: 'Connected channels' }) channels!: number;
  @ApiProperty({ example: 980, description: 'Members with access now (active or in grace)' })
  activeMembers!: number;
  @ApiProperty({ type: PaymentsWindowsDto, description: 'UTC days, today included' })
  payments!: PaymentsWindowsDto;
  @ApiProperty({ type: OutboxBacklogDto }) outbox!: OutboxBacklogDto;
}
