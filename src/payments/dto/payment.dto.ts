import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PLAN_ACCESS_MODES, PLAN_BILLING } from '../../plans/plan.types';
import {
  PAYMENT_KINDS,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  STRIPE_ACCOUNTS,
  type PaymentView,
} from '../payment.types';

export class PaymentPlanDto {
  @ApiProperty({ example: 'VIP monthly' }) name!: string;
  @ApiProperty({ example: 1999 }) priceMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ example: 30, nullable: true, type: Number }) durationDays!: number | null;
  @ApiProperty({ example: null, nullable: true, type: Number }) durationMinutes!: number | null;
  @ApiProperty({ enum: PLAN_BILLING, example: 'recurring' }) billing!: string;
  @ApiProperty({ enum: PLAN_ACCESS_MODES, example: 'invite_link' }) accessMode!: string;
  @ApiProperty({
    example: [{ channelId: '665f1c2e8b3e4a0012345678', chatId: -1001234567890, title: 'VIP' }],
  })
  channels!: { channelId: string; chatId: number; title?: string }[];
}

export class PaymentCustomerDto {
  @ApiPropertyOptional({ example: 'ann@example.com' }) email?: string;
  @ApiPropertyOptional({ example: 'Ann Smith' }) name?: string;
  @ApiPropertyOptional({ example: '+44 20 7946 0958' }) phone?: string;
  @ApiPropertyOptional({ example: 123456789 }) telegramUserId?: number;
}

export class PaymentStripeDto {
  @ApiProperty({ enum: STRIPE_ACCOUNTS, example: 'platform' }) account!: string;
  @ApiPropertyOptional({ example: 'cs_test_a1b2c3' }) checkoutSessionId?: string;
  @ApiPropertyOptional({ example: 'pi_3Pabc' }) paymentIntentId?: string;
  @ApiPropertyOptional({ example: 'sub_1Pabc' }) subscriptionId?: string;
  @ApiPropertyOptional({ example: 'cus_Pabc' }) customerId?: string;
  @ApiProperty({ example: ['in_1Pabc'] }) invoiceIds!: string[];
}

export class PaymentStarsDto {
  @ApiPropertyOptional({ example: 'stxAbCdEf' }) chargeId?: string;
  @ApiProperty({ example: false }) subscription!: boolean;
}

export class PaymentRefundDto {
  @ApiProperty({ example: '2026-03-02T10:00:00.000Z' }) at!: Date;
  @ApiProperty({ example: 1999 }) amountMinor!: number;
  @ApiProperty({ enum: ['seller', 'stripe'], example: 'seller' }) source!: string;
  @ApiPropertyOptional({ example: 'customer asked' }) reason?: string;
}

export class PaymentDto {
  @ApiProperty({ example: '6660a1b2c3d4e5f601234567' }) id!: string;
  @ApiProperty({ example: '665f1c2e8b3e4a0012345679' }) planId!: string;
  @ApiProperty({ type: PaymentPlanDto, description: 'The plan as it was sold' })
  plan!: PaymentPlanDto;
  @ApiProperty({ enum: PAYMENT_KINDS, example: 'purchase' }) kind!: string;
  @ApiPropertyOptional({ example: '6660a1b2c3d4e5f601234560', description: 'For a renewal' })
  parentPaymentId?: string;
  @ApiProperty({ enum: PAYMENT_PROVIDERS, example: 'stripe' }) provider!: string;
  @ApiProperty({ enum: PAYMENT_STATUSES, example: 'succeeded' }) status!: string;
  @ApiProperty({ example: 1499, description: 'Charged, after the discount (minor units)' })
  amountMinor!: number;
  @ApiProperty({ example: 500 }) discountMinor!: number;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiPropertyOptional({ example: '6660a1b2c3d4e5f601234599' }) promoCodeId?: string;
  @ApiProperty({ type: PaymentCustomerDto }) customer!: PaymentCustomerDto;
  @ApiPropertyOptional({ type: PaymentStripeDto }) stripe?: PaymentStripeDto;
  @ApiPropertyOptional({ type: PaymentStarsDto }) stars?: PaymentStarsDto;
  @ApiPropertyOptional({
    example: true,
    description: 'A web payment without a Telegram id: whether its claim link was used',
  })
  claimed?: boolean;
  @ApiPropertyOptional({ example: 'Renewal charge declined (attempt 1)' }) failureReason?: string;
  @ApiPropertyOptional({ type: PaymentRefundDto }) refund?: PaymentRefundDto;
  @ApiProperty({ example: '2026-03-01T10:00:00.000Z' }) createdAt!: Date;
  @ApiPropertyOptional({ example: '2026-03-01T10:02:00.000Z' }) paidAt?: Date;
  @ApiProperty({ example: '2026-03-01T10:02:00.000Z' }) updatedAt!: Date;
}

export class PaymentPageDto {
  @ApiProperty({ type: PaymentDto, isArray: true }) items!: PaymentDto[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 20 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

/** What a seller sees of a payment: never the claim token. */
export function toPaymentDto(payment: PaymentView): PaymentDto {
  const {
    stars,
    claim,
    sellerId: _seller,
    grantId: _grant,
    day: _day,
    expiresAt: _e,
    ...rest
  } = payment;
  const { personalDataErasedAt: _erased, ...visible } = rest;
  return {
    ...visible,
    ...(stars ? { stars: { subscription: stars.subscription, chargeId: stars.chargeId } } : {}),
    ...(claim ? { claimed: claim.claimedBy !== undefined } : {}),
  };
}
