import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A seller's discount code. `codeKey` (`<sellerId>:<CODE>`, upper-cased) is unique, so codes are
 * unique per seller whatever their case; a deleted code's key becomes `deleted:<_id>` (a unique
 * field is always present: FerretDB has no partial indexes) and the code may be used again.
 * Written by its seller only; redemptions live in `promo_redemptions`, never counted in here.
 */
@Schema({ collection: 'promo_codes', versionKey: false })
export class PromoCode {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) code!: string;
  @Prop({ type: String, required: true, unique: true }) codeKey!: string;
  @Prop({ type: Number, default: null }) percentOff!: number | null;
  @Prop({ type: Number, default: null }) amountOffMinor!: number | null;
  @Prop({ type: String, default: null }) currency!: string | null;
  /** Empty: every plan of the seller. */
  @Prop({ type: [String], required: true }) planIds!: string[];
  @Prop({ type: Date, default: null }) expiresAt!: Date | null;
  @Prop({ type: Number, default: null }) maxRedemptions!: number | null;
  @Prop({ type: Boolean, required: true }) active!: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: Date, default: null }) deletedAt!: Date | null;
}

export const PromoCodeSchema = SchemaFactory.createForClass(PromoCode);
PromoCodeSchema.index({ sellerId: 1, deletedAt: 1, createdAt: 1 });

export const promoCodeKey = (sellerId: string, code: string): string =>
  `${sellerId}:${code.trim().toUpperCase()}`;
export const deletedPromoCodeKey = (id: string): string => `deleted:${id}`;
