import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';
import { PLAN_CURRENCIES } from '../currencies';
import { PLAN_ACCESS_MODES, PLAN_BILLING, PlanAccessMode, PlanBilling } from '../plan.types';
import { PlanField } from './plan-fields';
import { PlanLimitsDto } from './plan-limits.dto';

/** Every field optional; setting one duration clears the other. */
export class UpdatePlanDto {
  @ApiPropertyOptional({ example: 'VIP monthly' })
  @IsOptional()
  @PlanField.name()
  name?: string;

  @ApiPropertyOptional({ example: 'Daily signals', nullable: true })
  @PlanField.description()
  description?: string | null;

  @ApiPropertyOptional({ example: 2499 })
  @IsOptional()
  @PlanField.priceMinor()
  priceMinor?: number;

  @ApiPropertyOptional({ example: 'EUR', enum: PLAN_CURRENCIES })
  @IsOptional()
  @PlanField.currency()
  currency?: string;

  @ApiPropertyOptional({ example: 30 })
  @IsOptional()
  @PlanField.durationDays()
  @ExactlyOneOf(['durationDays', 'durationMinutes'])
  durationDays?: number;

  @ApiPropertyOptional({ example: 10 })
  @IsOptional()
  @PlanField.durationMinutes()
  durationMinutes?: number;

  @ApiPropertyOptional({ example: ['665f1c2e8b3e4a0012345678'] })
  @IsOptional()
  @PlanField.channelIds()
  channelIds?: string[];

  @ApiPropertyOptional({ example: 0 })
  @PlanField.trialDays()
  trialDays?: number;

  @ApiPropertyOptional({ enum: PLAN_BILLING, example: 'one_off' })
  @IsOptional()
  @IsIn(PLAN_BILLING)
  billing?: PlanBilling;

  @ApiPropertyOptional({ enum: PLAN_ACCESS_MODES, example: 'join_request' })
  @IsOptional()
  @IsIn(PLAN_ACCESS_MODES)
  accessMode?: PlanAccessMode;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: PlanLimitsDto })
  @PlanField.limits()
  limits?: PlanLimitsDto;

  @ApiPropertyOptional({
    example: true,
    description:
      'true starts selling through the channel’s Telegram Star subscription link (see the ' +
      'create body for what the plan must be); it cannot be turned off again. Saving such a ' +
      'plan retries a link Telegram refused.',
  })
  @IsOptional()
  @IsBoolean()
  starSubscription?: boolean;
}
