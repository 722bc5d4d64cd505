import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQuery } from '../../../common/http/pagination.query';

export class ListUsersQuery extends PaginationQuery {
  @ApiPropertyOptional({
    example: 'ann',
    description: 'An exact Telegram id, or part of the username (with or without @) or name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
