import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class PlanLimitsDto {
  @ApiPropertyOptional({
    example: false,
    description: 'Only people who never had access through this seller may buy it.',
  })
  @IsOptional()
  @IsBoolean()
  newCustomersOnly?: boolean;

  @ApiPropertyOptional({
    example: 500,
    nullable: true,
    description: 'At most this many members with active access (null: no cap).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxMembers?: number | null;
}
