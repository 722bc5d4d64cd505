import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One use of a promo code by one payment: `_id` is `<promoCodeId>:<paymentId>` (a payment redeems
 * a code once, however often it is retried). For a code with a usage limit, `slot` is a number
 * from 1 to the limit and `(promoCodeId, slot)` is unique, so concurrent checkouts can never take
 * more slots than the limit allows; without a limit the slot is the payment id. A payment that is
 * never paid gives its slot back (the document is deleted).
 */
@Schema({ collection: 'promo_redemptions', versionKey: false })
export class PromoRedemption {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) promoCodeId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) paymentId!: string;
  @Prop({ type: String, required: true }) slot!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const PromoRedemptionSchema = SchemaFactory.createForClass(PromoRedemption);
PromoRedemptionSchema.index({ promoCodeId: 1, slot: 1 }, { unique: true });
