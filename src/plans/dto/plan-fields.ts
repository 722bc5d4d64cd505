import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PRICE_MINOR, PLAN_CURRENCIES } from '../currencies';
import { PlanLimitsDto } from './plan-limits.dto';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;
const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

/** Field rules shared by the create and update bodies, so the two cannot drift apart. */
export const PlanField = {
  name: () => applyDecorators(Transform(trim), IsString(), Length(1, 100)),
  description: () => applyDecorators(IsOptional(), IsString(), MaxLength(2000)),
  priceMinor: () => applyDecorators(IsInt(), Min(0), Max(MAX_PRICE_MINOR)),
  currency: () =>
    applyDecorators(
      Transform(upper),
      IsString(),
      IsIn(PLAN_CURRENCIES, {
        message: 'currency must be an ISO 4217 code Stripe supports, or XTR (Telegram Stars)',
      }),
    ),
  durationDays: () => applyDecorators(IsInt(), Min(1), Max(3650)),
  durationMinutes: () => applyDecorators(IsInt(), Min(1), Max(1440)),
  channelIds: () =>
    applyDecorators(
      IsArray(),
      ArrayMinSize(1),
      ArrayMaxSize(50),
      ArrayUnique(),
      IsMongoId({ each: true }),
    ),
  trialDays: () => applyDecorators(IsOptional(), IsInt(), Min(0), Max(365)),
  limits: () =>
    applyDecorators(
      IsOptional(),
      ValidateNested(),
      Type(() => PlanLimitsDto),
    ),
};
