import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, DeliveryStatus } from '../../../recovery/delivery-status';
import {
  RECOVERY_ACTIONS,
  RECOVERY_TRIGGERS,
  RecoveryAction,
  RecoveryTrigger,
} from '../../../recovery/schemas/recovery-attempt.schema';

export class RecoveryAttemptDto {
  @ApiProperty({ example: 1 }) n!: number;
  @ApiProperty({ enum: RECOVERY_TRIGGERS, example: 'scheduled' }) trigger!: RecoveryTrigger;
  @ApiProperty({ enum: RECOVERY_ACTIONS, example: 'redelivered' }) action!: RecoveryAction;
  @ApiProperty({ example: '2026-01-01T10:12:00.000Z' }) at!: Date;
  @ApiPropertyOptional({ example: 'fresh links' }) detail?: string;
  @ApiPropertyOptional({ example: 'tg:123456789' }) by?: string;
}

export class PaymentDeliveryDto {
  @ApiProperty({ example: '665f1c2ab3d4e5f6a7b8c9d0' }) paymentId!: string;
  @ApiProperty({ example: '665f1c2ab3d4e5f6a7b8c9aa' }) sellerId!: string;
  @ApiProperty({ example: '665f1c2ab3d4e5f6a7b8c9bb', nullable: true, type: String })
  planId!: string | null;
  @ApiProperty({ example: 'stripe', nullable: true, type: String }) provider!: string | null;
  @ApiProperty({ example: 1999, nullable: true, type: Number }) amountMinor!: number | null;
  @ApiProperty({ example: 'USD', nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ example: '2026-01-01T10:00:00.000Z' }) paidAt!: Date;
  @ApiProperty({ example: 123456789, nullable: true, type: Number }) telegramUserId!: number | null;
  @ApiProperty({ example: 'ann@example.com', nullable: true, type: String }) email!: string | null;
  @ApiProperty({ example: true, description: 'The message with the links was sent' })
  linkDelivered!: boolean;
  @ApiProperty({
    enum: DELIVERY_STATUSES,
    example: 'success',
    description: 'Derived now from the outbox jobs of the payment (never stored as the truth)',
  })
  deliveryStatus!: DeliveryStatus;
  @ApiProperty({
    example: 1,
    description: 'Attempts the deliveries took (each delivery its most-tried job)',
  })
  deliveryAttempts!: number;
  @ApiProperty({ example: '2026-01-01T10:00:03.000Z', nullable: true, type: Date })
  lastDeliveryAttempt!: Date | null;
  @ApiProperty({ example: null, nullable: true, type: String }) failureReason!: string | null;
  @ApiProperty({ example: false }) recoveryCompleted!: boolean;
  @ApiProperty({ example: 0 }) recoveryAttempts!: number;
  @ApiProperty({ example: false, description: 'Scheduled recovery gave up; admins were alerted' })
  recoveryExhausted!: boolean;
  @ApiProperty({ type: RecoveryAttemptDto, isArray: true }) attempts!: RecoveryAttemptDto[];
}

export class PaymentDeliveryPageDto {
  @ApiProperty({ type: PaymentDeliveryDto, isArray: true }) items!: PaymentDeliveryDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}
