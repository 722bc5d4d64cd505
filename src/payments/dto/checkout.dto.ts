import { ApiProperty } from '@nestjs/swagger';
import { CHECKOUT_PROVIDERS, PaymentProvider } from '../payment.types';

export class CheckoutDto {
  @ApiProperty({
    enum: ['stripe_checkout', 'stars_invoice', 'trial_in_bot'],
    example: 'stripe_checkout',
  })
  kind!: 'stripe_checkout' | 'stars_invoice' | 'trial_in_bot';

  @ApiProperty({ example: '6660a1b2c3d4e5f601234567', nullable: true, type: String })
  paymentId!: string | null;

  @ApiProperty({ enum: CHECKOUT_PROVIDERS, example: 'stripe', nullable: true })
  provider!: PaymentProvider | null;

  @ApiProperty({
    example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3',
    description: 'Send the buyer here: Stripe Checkout, a Telegram Stars invoice, or the bot.',
  })
  checkoutUrl!: string;

  @ApiProperty({ example: '2026-03-01T11:00:00.000Z', nullable: true, type: Date })
  expiresAt!: Date | null;

  @ApiProperty({ example: 1499, description: 'What the buyer pays, after the discount' })
  amountMinor!: number;

  @ApiProperty({ example: 500 }) discountMinor!: number;

  @ApiProperty({ example: 'USD' }) currency!: string;
}
