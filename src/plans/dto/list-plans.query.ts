import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ListPlansQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], example: 'false', default: 'false' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}
