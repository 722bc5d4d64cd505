import { ApiProperty } from '@nestjs/swagger';
import { PLAN_CURRENCIES } from '../currencies';
import { PLAN_ACCESS_MODES, PLAN_BILLING, PlanAccessMode, PlanBilling } from '../plan.types';
import { StarSubscriptionLinkDto } from './star-subscription-link.dto';

export class PlanLimitsViewDto {
  @ApiProperty({ example: false }) newCustomersOnly!: boolean;
  @ApiProperty({ example: 500, nullable: true, type: Number }) maxMembers!: number | null;
}

export class PlanDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345679' }) id!: string;
  @ApiProperty({ example: 'VIP monthly' }) name!: string;
  @ApiProperty({ example: 'Daily signals', nullable: true, type: String })
  description!: string | null;
  @ApiProperty({ example: 1999 }) priceMinor!: number;
  @ApiProperty({ example: 'USD', enum: PLAN_CURRENCIES }) currency!: string;
  @ApiProperty({ example: 30, nullable: true, type: Number }) durationDays!: number | null;
  @ApiProperty({ example: null, nullable: true, type: Number }) durationMinutes!: number | null;
  @ApiProperty({ example: ['665f1c2e8b3e4a0012345678'] }) channelIds!: string[];
  @ApiProperty({ example: 0 }) trialDays!: number;
  @ApiProperty({ enum: PLAN_BILLING, example: 'recurring' }) billing!: PlanBilling;
  @ApiProperty({ enum: PLAN_ACCESS_MODES, example: 'invite_link' }) accessMode!: PlanAccessMode;
  @ApiProperty({ example: true }) active!: boolean;
  @ApiProperty({ example: false }) archived!: boolean;
  @ApiProperty({ example: true, description: 'active and not archived' }) onSale!: boolean;
  @ApiProperty({ type: PlanLimitsViewDto }) limits!: PlanLimitsViewDto;
  @ApiProperty({ example: true, description: 'Sold through a Telegram Star subscription link' })
  starSubscription!: boolean;
  @ApiProperty({
    type: StarSubscriptionLinkDto,
    nullable: true,
    description: 'The subscription link, when starSubscription is set',
  })
  starSubscriptionLink!: StarSubscriptionLinkDto | null;
  @ApiProperty({ example: null, nullable: true, type: Date }) archivedAt!: Date | null;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) updatedAt!: Date;
}
