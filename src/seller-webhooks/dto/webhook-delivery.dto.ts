import { ApiProperty } from '@nestjs/swagger';
import { DELIVERY_TRIGGERS } from '../schemas/webhook-delivery.schema';
import { DELIVERY_STATUSES } from '../log/webhook-delivery-log.service';

export class WebhookDeliveryDto {
  @ApiProperty({ example: 'dlv_4f1c2e8b3e4a0012345678a9b0c1d2e3' }) id!: string;
  @ApiProperty({
    example: 'evt_9a8b7c6d5e4f30211203f4e5d6c7b8a9',
    description:
      'The event id, also sent as Membergate-Webhook-Id: the same on every retry and resend',
  })
  eventId!: string;
  @ApiProperty({ example: 'payment.succeeded', description: 'An event type, or ping' })
  eventType!: string;
  @ApiProperty({
    enum: DELIVERY_TRIGGERS,
    example: 'event',
    description: 'event: it happened; resend: you asked again; test: the test endpoint',
  })
  trigger!: string;
  @ApiProperty({
    example: null,
    nullable: true,
    type: String,
    description: 'For a resend: the delivery it repeats',
  })
  resendOf!: string | null;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    example: 'succeeded',
    description:
      'pending: waiting for the first attempt or a retry (see nextAttemptAt); sending: a request ' +
      'is running; succeeded: your server answered 2xx; failed: out of attempts, or cancelled ' +
      '(endpoint switched off or deleted: see lastError)',
  })
  status!: string;
  @ApiProperty({ example: 3, description: 'HTTP requests made so far' }) attempts!: number;
  @ApiProperty({
    example: 200,
    nullable: true,
    type: Number,
    description: 'null: no answer (timeout, network)',
  })
  lastStatusCode!: number | null;
  @ApiProperty({ example: null, nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({ example: '2026-05-01T12:00:40.000Z', nullable: true, type: Date })
  lastAttemptAt!: Date | null;
  @ApiProperty({
    example: null,
    nullable: true,
    type: Date,
    description: 'When pending: the next try',
  })
  nextAttemptAt!: Date | null;
  @ApiProperty({ example: '2026-05-01T12:00:40.000Z', nullable: true, type: Date })
  deliveredAt!: Date | null;
  @ApiProperty({ example: 84, nullable: true, type: Number, description: 'Of the last request' })
  durationMs!: number | null;
  @ApiProperty({ example: '2026-05-01T12:00:00.000Z' }) createdAt!: Date;
}

export class WebhookAttemptDto {
  @ApiProperty({ example: 1 }) attempt!: number;
  @ApiProperty({ example: '2026-05-01T12:00:00.000Z' }) at!: Date;
  @ApiProperty({ example: false, description: 'Your server answered 2xx' }) ok!: boolean;
  @ApiProperty({ example: 500, nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ example: 'HTTP 500', nullable: true, type: String }) error!: string | null;
  @ApiProperty({ example: 120 }) durationMs!: number;
  @ApiProperty({
    example: 'Internal Server Error',
    nullable: true,
    type: String,
    description: 'The start of a failed answer (1 KB at most)',
  })
  responseBody!: string | null;
}

export class WebhookDeliveryDetailDto extends WebhookDeliveryDto {
  @ApiProperty({
    example: {
      id: 'evt_9a8b7c6d5e4f30211203f4e5d6c7b8a9',
      type: 'ping',
      createdAt: '2026-05-01T12:00:00.000Z',
      data: { endpointId: '665f1c2e8b3e4a001234567a', message: 'A test event from Membergate' },
    },
    nullable: true,
    type: Object,
    description: 'The body as sent; null once past the log retention',
  })
  event!: unknown;
  @ApiProperty({ type: WebhookAttemptDto, isArray: true }) attemptLog!: WebhookAttemptDto[];
}

export class WebhookDeliveryPageDto {
  @ApiProperty({ type: WebhookDeliveryDto, isArray: true }) items!: WebhookDeliveryDto[];
  @ApiProperty({
    example: 'MTc0NjEwMDgwMDAwMDpkbHZfNGYxYzJlOGIzZTRhMDAxMjM0NTY3OGE5YjBjMWQyZTM',
    nullable: true,
    type: String,
    description: 'Pass as `cursor` for the next (older) page; null on the last page',
  })
  nextCursor!: string | null;
}
