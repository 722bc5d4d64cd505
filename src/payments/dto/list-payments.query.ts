import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';
import { PaginationQuery } from '../../common/http/pagination.query';
import {
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  PaymentProvider,
  PaymentStatus,
} from '../payment.types';

export class ListPaymentsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: PAYMENT_STATUSES, example: 'succeeded' })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional({ enum: PAYMENT_PROVIDERS, example: 'stripe' })
  @IsOptional()
  @IsIn(PAYMENT_PROVIDERS)
  provider?: PaymentProvider;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00.000Z', description: 'Created at or after' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-04-01T00:00:00.000Z', description: 'Created before' })
  @IsOptional()
  @IsDateString({ strict: true })
  to?: string;
}
