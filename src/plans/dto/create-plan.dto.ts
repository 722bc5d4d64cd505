import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, ValidateIf } from 'class-validator';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';
import { MAX_PRICE_MINOR, PLAN_CURRENCIES } from '../currencies';
import { PLAN_ACCESS_MODES, PLAN_BILLING, PlanAccessMode, PlanBilling } from '../plan.types';
import { PlanField } from './plan-fields';
import { PlanLimitsDto } from './plan-limits.dto';

export class CreatePlanDto {
  @ApiProperty({ example: 'VIP monthly', minLength: 1, maxLength: 100 })
  @PlanField.name()
  name!: string;

  @ApiPropertyOptional({ example: 'Daily signals and the members-only chat', maxLength: 2000 })
  @PlanField.description()
  description?: string;

  @ApiProperty({
    example: 1999,
    minimum: 0,
    maximum: MAX_PRICE_MINOR,
    description: 'In the currency’s minor unit (1999 USD = $19.99); for XTR, whole Stars (≥ 1).',
  })
  @PlanField.priceMinor()
  priceMinor!: number;

  @ApiProperty({ example: 'USD', enum: PLAN_CURRENCIES, description: 'ISO 4217, or XTR for Stars' })
  @PlanField.currency()
  currency!: string;

  @ApiPropertyOptional({
    example: 30,
    minimum: 1,
    maximum: 3650,
    description: 'Access length in days. Give this or durationMinutes.',
  })
  @ValidateIf(
    (dto: CreatePlanDto) => dto.durationDays !== undefined || dto.durationMinutes === undefined,
  )
  @PlanField.durationDays()
  @ExactlyOneOf(['durationDays', 'durationMinutes'])
  durationDays?: number;

  @ApiPropertyOptional({
    example: 10,
    minimum: 1,
    maximum: 1440,
    description: 'Access length in minutes, for test plans. Give this or durationDays.',
  })
  @ValidateIf((dto: CreatePlanDto) => dto.durationMinutes !== undefined)
  @PlanField.durationMinutes()
  durationMinutes?: number;

  @ApiProperty({
    example: ['665f1c2e8b3e4a0012345678'],
    description: 'Your connected channels this plan gives access to (at least one).',
  })
  @PlanField.channelIds()
  channelIds!: string[];

  @ApiPropertyOptional({ example: 7, minimum: 0, maximum: 365, default: 0 })
  @PlanField.trialDays()
  trialDays?: number;

  @ApiPropertyOptional({
    enum: PLAN_BILLING,
    example: 'recurring',
    default: 'one_off',
    description: 'Default recurring when starSubscription is set.',
  })
  @IsOptional()
  @IsIn(PLAN_BILLING)
  billing?: PlanBilling;

  @ApiPropertyOptional({ enum: PLAN_ACCESS_MODES, example: 'invite_link', default: 'invite_link' })
  @IsOptional()
  @IsIn(PLAN_ACCESS_MODES)
  accessMode?: PlanAccessMode;

  @ApiPropertyOptional({ example: true, default: true, description: 'On sale' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: PlanLimitsDto })
  @PlanField.limits()
  limits?: PlanLimitsDto;

  @ApiPropertyOptional({
    example: false,
    default: false,
    description:
      'Sell through the channel’s Telegram Star subscription link: Telegram charges the member ' +
      'every 30 days and the bot records each period. Needs a price in XTR (at most 10000), ' +
      'durationDays 30, recurring billing (the default with this option), exactly one channel ' +
      'of type channel, and no trial, limits or join requests. Once set, the option, the price, ' +
      'the period and the channel are fixed.',
  })
  @IsOptional()
  @IsBoolean()
  starSubscription?: boolean;
}
