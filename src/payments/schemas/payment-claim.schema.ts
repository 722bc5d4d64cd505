import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The decision of who claimed a web payment: `_id` is the payment id, so of two Telegram accounts
 * opening the same claim link at once exactly one gets the access (the link is single use).
 */
@Schema({ collection: 'payment_claims', versionKey: false })
export class PaymentClaim {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const PaymentClaimSchema = SchemaFactory.createForClass(PaymentClaim);
