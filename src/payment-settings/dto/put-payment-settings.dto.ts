import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { PAYMENT_MODES, PaymentMode } from '../schemas/payment-settings.schema';

export class PutPaymentSettingsDto {
  @ApiProperty({
    enum: PAYMENT_MODES,
    example: 'own',
    description: '`platform`: payments go through the platform’s Stripe account; `own`: yours.',
  })
  @IsIn(PAYMENT_MODES)
  mode!: PaymentMode;

  @ApiPropertyOptional({
    example: 'sk_test_51Hc2AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    description:
      'Required with mode=own: a secret (sk_) or restricted (rk_) key. Never shown again.',
  })
  @ValidateIf(
    (dto: PutPaymentSettingsDto) => dto.mode === 'own' || dto.stripeSecretKey !== undefined,
  )
  @IsString()
  @MaxLength(255)
  @Matches(/^(sk|rk)_(test|live)_[A-Za-z0-9]{10,}$/, {
    message: 'stripeSecretKey must look like sk_test_..., sk_live_..., rk_test_... or rk_live_...',
  })
  stripeSecretKey?: string;

  @ApiPropertyOptional({
    example: 'whsec_0123456789abcdefABCDEF0123456789',
    description: 'Required with mode=own: the signing secret of the webhook endpoint in Stripe.',
  })
  @ValidateIf(
    (dto: PutPaymentSettingsDto) => dto.mode === 'own' || dto.stripeWebhookSecret !== undefined,
  )
  @IsString()
  @MaxLength(255)
  @Matches(/^whsec_[A-Za-z0-9+/=]{10,}$/, {
    message: 'stripeWebhookSecret must look like whsec_...',
  })
  stripeWebhookSecret?: string;
}
