import { ApiProperty } from '@nestjs/swagger';

export class MoneyDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: 129900, description: 'Minor units (cents; whole Stars for XTR)' })
  amountMinor!: number;
}

export class StatsDayDto {
  @ApiProperty({ example: '2026-01-31' }) day!: string;
  @ApiProperty({ example: 4, description: 'Memberships created that day' }) newMembers!: number;
  @ApiProperty({ type: MoneyDto, isArray: true }) revenue!: MoneyDto[];
}

export class MemberCountsDto {
  @ApiProperty({ example: 42, description: 'With access now (active or in grace)' })
  active!: number;
  @ApiProperty({ example: 57, description: 'Every membership ever (test ones excluded)' })
  total!: number;
}

export class SellerStatsDto {
  @ApiProperty({ example: 3, description: 'Connected channels' }) channels!: number;
  @ApiProperty({ type: MemberCountsDto }) members!: MemberCountsDto;
  @ApiProperty({ type: MoneyDto, isArray: true, description: 'All time, refunds excluded' })
  revenue!: MoneyDto[];
  @ApiProperty({
    type: StatsDayDto,
    isArray: true,
    description: 'The last 30 UTC days, oldest first',
  })
  last30Days!: StatsDayDto[];
}
