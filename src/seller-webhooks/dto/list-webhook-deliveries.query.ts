import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PING_EVENT_TYPE } from '../events/webhook-event-data';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';
import { queryInt } from '../../common/http/query-int.transform';

const LOGGED_TYPES = [...WEBHOOK_EVENT_TYPES, PING_EVENT_TYPE];

/**
 * Cursor pagination rather than offset: new deliveries arrive at the head of the log while a
 * client pages through it, which would shift offset pages.
 */
export class ListWebhookDeliveriesQuery {
  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({
    example: 'MTc0NjEwMDgwMDAwMDpkbHZfNGYxYzJlOGIzZTRhMDAxMjM0NTY3OGE5YjBjMWQyZTM',
    description: 'nextCursor from the previous page',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ enum: LOGGED_TYPES, example: 'payment.succeeded' })
  @IsOptional()
  @IsIn(LOGGED_TYPES)
  eventType?: string;
}
