import { ApiProperty } from '@nestjs/swagger';
import { DISABLED_REASONS } from '../schemas/webhook-endpoint.schema';
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types';

export class WebhookEndpointDto {
  @ApiProperty({ example: '665f1c2e8b3e4a001234567a' }) id!: string;
  @ApiProperty({ example: 'https://example.com/membergate/webhooks' }) url!: string;
  @ApiProperty({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    example: ['payment.succeeded'],
    description: 'Empty: every event type',
  })
  events!: string[];
  @ApiProperty({ example: 'CRM sync', nullable: true, type: String }) description!: string | null;
  @ApiProperty({ example: true }) enabled!: boolean;
  @ApiProperty({
    example: null,
    nullable: true,
    type: Date,
    description: 'When it was switched off',
  })
  disabledAt!: Date | null;
  @ApiProperty({
    enum: DISABLED_REASONS,
    example: null,
    nullable: true,
    description:
      'seller: you switched it off; consecutive_failures: it failed too many deliveries in a row ' +
      '(WEBHOOK_DISABLE_AFTER_FAILURES, 20 by default) and we switched it off. Set enabled: true ' +
      'to start again.',
  })
  disabledReason!: string | null;
  @ApiProperty({ example: 'x9Qa', description: 'Last 4 characters of the signing secret' })
  secretLast4!: string;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z' }) updatedAt!: Date;
}

export class WebhookEndpointWithSecretDto extends WebhookEndpointDto {
  @ApiProperty({
    example: 'whsec_8Jw1sVh6yq3bR0mK2nP5tX9zC4dF7gL1aE3iO6uY8wQ',
    description: 'The signing secret. Shown only in this answer: store it now.',
  })
  secret!: string;
}
