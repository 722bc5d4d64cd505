import { ApiProperty } from '@nestjs/swagger';
import {
  STAR_SUBSCRIPTION_LINK_STATUSES,
  type StarSubscriptionLinkStatus,
} from '../star-subscription/star-subscription-links.service';

export class StarSubscriptionLinkDto {
  @ApiProperty({
    enum: STAR_SUBSCRIPTION_LINK_STATUSES,
    example: 'active',
    description:
      'pending: being created in Telegram; active: members can subscribe through inviteLink; ' +
      'failed: Telegram refused (see failure; fix the cause, e.g. the bot’s can_invite_users ' +
      'right, then save the plan again to retry).',
  })
  status!: StarSubscriptionLinkStatus;

  @ApiProperty({ example: 'https://t.me/+AbCdEfGhIjKlMnOp', nullable: true, type: String })
  inviteLink!: string | null;

  @ApiProperty({ example: 250, description: 'Stars Telegram charges the member every period' })
  priceStars!: number;

  @ApiProperty({ example: 30 }) periodDays!: number;
  @ApiProperty({ example: -1001234567890 }) chatId!: number;

  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'Telegram’s refusal, when status is failed',
  })
  failure!: string | null;

  @ApiProperty({ example: '2025-01-31T12:00:00.000Z', nullable: true, type: Date })
  createdAt!: Date | null;
}
