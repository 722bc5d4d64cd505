import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { MAX_PRICE_MINOR, PLAN_CURRENCIES } from '../../plans/currencies';

const upper = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

/** Field rules shared by the create and update bodies. */
export const PromoField = {
  code: () =>
    applyDecorators(
      Transform(trim),
      IsString(),
      Matches(/^[A-Za-z0-9_-]{3,32}$/, {
        message: 'code must be 3-32 letters, digits, _ or -',
      }),
    ),
  percentOff: () => applyDecorators(IsInt(), Min(1), Max(100)),
  amountOffMinor: () => applyDecorators(IsInt(), Min(1), Max(MAX_PRICE_MINOR)),
  currency: () =>
    applyDecorators(
      Transform(upper),
      IsString(),
      IsIn(PLAN_CURRENCIES, { message: 'currency must be an ISO 4217 code, or XTR' }),
    ),
  planIds: () =>
    applyDecorators(
      IsOptional(),
      IsArray(),
      ArrayMaxSize(100),
      ArrayUnique(),
      IsMongoId({ each: true }),
    ),
  expiresAt: () => applyDecorators(IsOptional(), IsDateString({ strict: true })),
  maxRedemptions: () => applyDecorators(IsOptional(), IsInt(), Min(1), Max(1_000_000)),
  active: () => applyDecorators(IsOptional(), IsBoolean()),
};
