import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The decision that a payment is refunded: `_id` is the payment id, so a seller's refund request,
 * its retry and Stripe's charge.refunded webhook record one refund between them, and only the one
 * that inserted it moves the payment to `refunded` and revokes access.
 */
@Schema({ collection: 'payment_refunds', versionKey: false })
export class PaymentRefund {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true, enum: ['seller', 'stripe'] }) source!: string;
  @Prop({ type: Number, required: true }) amountMinor!: number;
  @Prop({ type: String }) reason?: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const PaymentRefundSchema = SchemaFactory.createForClass(PaymentRefund);
PaymentRefundSchema.index({ sellerId: 1, at: -1 });
