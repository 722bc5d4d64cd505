import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ExactlyOneOf } from '../../sellers/validation/exactly-one-of.validator';

export class GrantAccessDto {
  @ApiPropertyOptional({ example: 123456789, description: 'Who gets access (one of the two ids)' })
  @ValidateIf(
    (o: GrantAccessDto) => o.telegramUserId !== undefined || o.externalUserId === undefined,
  )
  @ExactlyOneOf(['telegramUserId', 'externalUserId'])
  @IsInt()
  @Min(1)
  telegramUserId?: number;

  @ApiPropertyOptional({
    example: 'crm-4711',
    description: 'Your own id for the customer: the answer carries a claim link for them',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:@-]{1,100}$/, {
    message: 'externalUserId must be 1-100 of A-Z a-z 0-9 _ . : @ -',
  })
  externalUserId?: string;

  @ApiPropertyOptional({
    example: '665f1c2e8b3e4a0012345679',
    description: 'A plan (one of planId, chatIds)',
  })
  @ValidateIf((o: GrantAccessDto) => o.planId !== undefined || o.chatIds === undefined)
  @ExactlyOneOf(['planId', 'chatIds'])
  @IsMongoId()
  planId?: string;

  @ApiPropertyOptional({ example: [-1001234567890], description: 'Connected chats, with `days`' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  chatIds?: number[];

  @ApiPropertyOptional({
    example: 30,
    description: 'Length of access; required with chatIds, with a plan it overrides its duration',
  })
  @ValidateIf((o: GrantAccessDto) => o.chatIds !== undefined || o.days !== undefined)
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;
}

export class GrantedLinkDto {
  @ApiProperty({ example: -1001234567890 }) chatId!: number;
  @ApiProperty({ example: '665f1c2e8b3e4a0012345678' }) channelId!: string;
  @ApiPropertyOptional({ example: 'VIP Signals' }) title?: string;
  @ApiProperty({
    example: 'issued',
    enum: ['pending', 'issued', 'not_needed', 'failed'],
    description: 'not_needed: already in the chat',
  })
  status!: string;
  @ApiProperty({ example: 'https://t.me/+AbCdEfGh123', nullable: true, type: String })
  inviteLink!: string | null;
  @ApiProperty({ example: '2026-02-01T12:00:00.000Z', nullable: true, type: Date })
  expiresAt!: Date | null;
}

export class GrantAccessResultDto {
  @ApiProperty({
    example: 'delivered',
    enum: ['delivered', 'queued', 'claim_pending'],
    description:
      'delivered: links below (also sent in the bot); queued: still being created (see jobIds); ' +
      'claim_pending: send claimUrl to the customer',
  })
  status!: 'delivered' | 'queued' | 'claim_pending';
  @ApiProperty({ example: 'manual:6660a1b2c3d4e5f601234567' }) grantId!: string;
  @ApiPropertyOptional({ example: '6660a1b2c3d4e5f601234567' }) membershipId?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00.000Z' }) expiresAt?: Date;
  @ApiProperty({ type: GrantedLinkDto, isArray: true }) links!: GrantedLinkDto[];
  @ApiPropertyOptional({ example: ['6660a1b2c3d4e5f601234568'], type: String, isArray: true })
  jobIds?: string[];
  @ApiPropertyOptional({ example: 'https://t.me/membergate_bot?start=claim_Xy12...' })
  claimUrl?: string;
  @ApiPropertyOptional({ example: '2026-03-01T00:00:00.000Z' }) claimExpiresAt?: Date;
}
