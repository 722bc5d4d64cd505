import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELIVERY_STATUSES, DeliveryStatus } from '../../../recovery/delivery-status';
import { RECOVERY_OUTCOMES, RecoveryOutcome } from '../../../recovery/recovery.types';
import {
  RECOVERY_ACTIONS,
  RecoveryAction,
} from '../../../recovery/schemas/recovery-attempt.schema';

export class RecoveryResultDto {
  @ApiProperty({ example: '665f1c2ab3d4e5f6a7b8c9d0' }) paymentId!: string;

  @ApiProperty({
    enum: RECOVERY_OUTCOMES,
    example: 'recovered',
    description:
      'recovered: an attempt acted; already_member: the payer is in every chat, nothing sent; ' +
      'already_delivered: nothing to do; in_progress: the outbox is still delivering; ' +
      'not_recoverable: refunded, cancelled or awaiting its claim; busy: the same attempt is ' +
      'being made elsewhere; failed: the attempt failed (detail); not_found',
  })
  outcome!: RecoveryOutcome;

  @ApiPropertyOptional({ enum: RECOVERY_ACTIONS, example: 'redelivered' })
  action?: RecoveryAction;

  @ApiPropertyOptional({ example: 1, description: 'The recovery attempt number made' })
  attempt?: number;

  @ApiPropertyOptional({ example: 'fresh links' }) detail?: string;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'pending' })
  deliveryStatus?: DeliveryStatus;
}
