import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBERSHIP_STATUSES, MembershipStatus } from '../../memberships/membership-status';

export class MemberChannelDto {
  @ApiProperty({ example: '665f1c2e8b3e4a0012345678' }) channelId!: string;
  @ApiProperty({ example: -1001234567890 }) chatId!: number;
  @ApiPropertyOptional({ example: 'VIP Signals' }) title?: string;
}

export class MemberCustomerDto {
  @ApiPropertyOptional({ example: 'ann@example.com' }) email?: string;
  @ApiPropertyOptional({ example: 'Ann Smith' }) name?: string;
  @ApiPropertyOptional({ example: '+44 20 7946 0958' }) phone?: string;
}

export class MemberDto {
  @ApiProperty({ example: '6660a1b2c3d4e5f601234567' }) id!: string;
  @ApiProperty({
    example: '665f1c2e8b3e4a0012345679',
    description: 'Plan id, or chats:<ids> for grants by chat',
  })
  planId!: string;
  @ApiProperty({
    example: 123456789,
    nullable: true,
    type: Number,
    description: 'null once erased',
  })
  telegramUserId!: number | null;
  @ApiPropertyOptional({ example: 'crm-4711' }) externalUserId?: string;
  @ApiProperty({ enum: MEMBERSHIP_STATUSES, example: 'active' }) status!: MembershipStatus;
  @ApiProperty({ example: '2026-03-01T00:00:00.000Z', nullable: true, type: Date })
  expiresAt!: Date | null;
  @ApiProperty({ example: null, nullable: true, type: Date }) graceEndsAt!: Date | null;
  @ApiProperty({ type: MemberChannelDto, isArray: true }) channels!: MemberChannelDto[];
  @ApiProperty({ type: MemberCustomerDto }) customer!: MemberCustomerDto;
  @ApiProperty({ example: 'recurring', enum: ['one_off', 'recurring'] }) billing!: string;
  @ApiProperty({ example: false, description: 'A test membership (test mode)' }) test!: boolean;
  @ApiProperty({ example: '2026-01-31T12:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ example: null, nullable: true, type: Date }) endedAt!: Date | null;
  @ApiProperty({ example: false }) erased!: boolean;
}

export class MemberPageDto {
  @ApiProperty({ type: MemberDto, isArray: true }) items!: MemberDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export class ErasureResultDto {
  @ApiProperty({
    example: 'erased',
    enum: ['erased', 'scheduled'],
    description:
      'scheduled: the member is being removed from the chats first; erased within minutes',
  })
  status!: 'erased' | 'scheduled';
}
