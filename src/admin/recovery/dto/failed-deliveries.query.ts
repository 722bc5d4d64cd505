import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsMongoId, IsOptional, IsString, MaxLength } from 'class-validator';
import { DELIVERY_STATUSES, DeliveryStatus } from '../../../recovery/delivery-status';
import { PaginationQuery } from '../../../common/http/pagination.query';

export class FailedDeliveriesQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: DELIVERY_STATUSES,
    example: 'failed',
    description: 'Default: pending and failed (everything not delivered)',
  })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00.000Z', description: 'Paid at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-01-31T23:59:59.999Z', description: 'Paid at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: '665f1c2ab3d4e5f6a7b8c9d0' })
  @IsOptional()
  @IsMongoId()
  sellerId?: string;

  @ApiPropertyOptional({
    example: 'ann@example.com',
    description: 'A payment id, a Telegram user id, or the customer e-mail',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
