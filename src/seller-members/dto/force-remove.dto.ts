import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsMongoId,
  IsOptional,
  Min,
  ValidateIf,
} from 'class-validator';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';

export class ForceRemoveDto {
  @ApiProperty({ example: 123456789 })
  @IsInt()
  @Min(1)
  telegramUserId!: number;

  @ApiPropertyOptional({
    example: '665f1c2e8b3e4a0012345679',
    description: 'One of planId, chatIds',
  })
  @ValidateIf((o: ForceRemoveDto) => o.planId !== undefined || o.chatIds === undefined)
  @ExactlyOneOf(['planId', 'chatIds'])
  @IsMongoId()
  planId?: string;

  @ApiPropertyOptional({
    example: [-1001234567890],
    description:
      'Connected chats: memberships covering them are revoked (all their chats), and the user ' +
      'is removed from these chats even without a membership',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  chatIds?: number[];
}

export class RemovalDto {
  @ApiProperty({ example: -1001234567890 }) chatId!: number;
  @ApiProperty({ example: '6660a1b2c3d4e5f601234568', description: 'Outbox job of the removal' })
  jobId!: string;
}

export class ForceRemoveResultDto {
  @ApiProperty({ example: ['6660a1b2c3d4e5f601234567'], type: String, isArray: true })
  revokedMembershipIds!: string[];
  @ApiProperty({ type: RemovalDto, isArray: true }) removals!: RemovalDto[];
}
