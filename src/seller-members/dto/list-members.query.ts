import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsMongoId, IsOptional, Max, Min } from 'class-validator';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '../../memberships/membership-status';
import { queryInt } from '../../common/http/query-int.transform';

/** Filters shared by the list and the CSV export. */
export class MemberFilterQuery {
  @ApiPropertyOptional({
    example: '665f1c2e8b3e4a0012345678',
    description: 'Members of this channel',
  })
  @IsOptional()
  @IsMongoId()
  channelId?: string;

  @ApiPropertyOptional({ enum: MEMBERSHIP_STATUSES, example: 'active' })
  @IsOptional()
  @IsIn(MEMBERSHIP_STATUSES)
  status?: MembershipStatus;
}

export class ListMembersQuery extends MemberFilterQuery {
  @ApiPropertyOptional({ example: 50, default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ example: 0, default: 0, minimum: 0 })
  @IsOptional()
  @Transform(queryInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset?: number;
}
