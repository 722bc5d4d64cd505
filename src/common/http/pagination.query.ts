import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { queryInt } from './query-int.transform';

/**
 * `limit` (1-100, default 20) and `offset` for paged lists: query strings, converted and checked
 * here. List queries extend it with their filters.
 */
export class PaginationQuery {
  @ApiPropertyOptional({ example: 20, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ example: 0, default: 0, minimum: 0 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
