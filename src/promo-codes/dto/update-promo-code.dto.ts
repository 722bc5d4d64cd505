import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { PromoField } from './promo-code-fields';

/**
 * What can change after creation. The discount itself cannot: payments already made name the
 * code, and a changed discount would make their history lie. Create a new code instead.
 */
export class UpdatePromoCodeDto {
  @ApiPropertyOptional({ example: ['665f1c2e8b3e4a0012345679'] })
  @PromoField.planIds()
  planIds?: string[];

  @ApiPropertyOptional({ example: '2027-01-31T23:59:59.000Z', nullable: true })
  @IsOptional()
  @PromoField.expiresAt()
  expiresAt?: string | null;

  @ApiPropertyOptional({ example: 200, nullable: true })
  @PromoField.maxRedemptions()
  maxRedemptions?: number | null;

  @ApiPropertyOptional({ example: false })
  @PromoField.active()
  active?: boolean;
}
