import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ValidateIf } from 'class-validator';
import { PLAN_CURRENCIES } from '../../plans/currencies';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';
import { PromoField } from './promo-code-fields';

export class CreatePromoCodeDto {
  @ApiProperty({
    example: 'SPRING25',
    description: 'What customers type; unique among your codes, case-insensitive.',
  })
  @PromoField.code()
  code!: string;

  @ApiPropertyOptional({
    example: 25,
    minimum: 1,
    maximum: 100,
    description: 'Give this or amountOffMinor.',
  })
  @ValidateIf(
    (dto: CreatePromoCodeDto) => dto.percentOff !== undefined || dto.amountOffMinor === undefined,
  )
  @PromoField.percentOff()
  @ExactlyOneOf(['percentOff', 'amountOffMinor'])
  percentOff?: number;

  @ApiPropertyOptional({
    example: 500,
    description: 'A fixed amount off, in the minor unit of `currency`. Give this or percentOff.',
  })
  @ValidateIf((dto: CreatePromoCodeDto) => dto.amountOffMinor !== undefined)
  @PromoField.amountOffMinor()
  amountOffMinor?: number;

  @ApiPropertyOptional({
    example: 'USD',
    enum: PLAN_CURRENCIES,
    description: 'Required with amountOffMinor: the code only applies to plans in this currency.',
  })
  @ValidateIf(
    (dto: CreatePromoCodeDto) => dto.amountOffMinor !== undefined || dto.currency !== undefined,
  )
  @PromoField.currency()
  currency?: string;

  @ApiPropertyOptional({
    example: ['665f1c2e8b3e4a0012345679'],
    description: 'The plans it applies to; empty or left out: all your plans.',
  })
  @PromoField.planIds()
  planIds?: string[];

  @ApiPropertyOptional({ example: '2026-12-31T23:59:59.000Z', description: 'Unusable after this.' })
  @PromoField.expiresAt()
  expiresAt?: string;

  @ApiPropertyOptional({ example: 100, description: 'Paid checkouts it may be used for.' })
  @PromoField.maxRedemptions()
  maxRedemptions?: number;

  @ApiPropertyOptional({ example: true, default: true })
  @PromoField.active()
  active?: boolean;
}
