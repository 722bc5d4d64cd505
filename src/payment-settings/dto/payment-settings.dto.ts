import { ApiProperty } from '@nestjs/swagger';
import { PAYMENT_MODES, PaymentMode } from '../schemas/payment-settings.schema';

export class PaymentSettingsDto {
  @ApiProperty({ enum: PAYMENT_MODES, example: 'own' }) mode!: PaymentMode;
  @ApiProperty({ example: '6789', nullable: true, type: String })
  stripeSecretKeyLast4!: string | null;
  @ApiProperty({ example: '6789', nullable: true, type: String })
  stripeWebhookSecretLast4!: string | null;
  @ApiProperty({
    example: false,
    nullable: true,
    type: Boolean,
    description: 'Whether the stored key is a live key (sk_live_/rk_live_)',
  })
  stripeLivemode!: boolean | null;
  @ApiProperty({
    example: 'https://membergate.example.com/api/payments/webhook/665f1c2e8b3e4a0012345678',
    description: 'With mode=own, add this endpoint in your Stripe dashboard.',
  })
  webhookUrl!: string;
  @ApiProperty({ example: '2025-01-31T12:00:00.000Z', nullable: true, type: Date })
  updatedAt!: Date | null;
}
