import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The decision that a Stripe subscription has ended (deleted, or canceled/unpaid): `_id` is the
 * subscription id. Checked before any renewal is granted, so an `invoice.paid` delivered after
 * the cancellation (Stripe does not order webhooks) never revives the membership.
 */
@Schema({ collection: 'stripe_subscription_ends', versionKey: false })
export class SubscriptionEnd {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) paymentId!: string;
  /** The Stripe status that ended it: canceled, unpaid, incomplete_expired. */
  @Prop({ type: String, required: true }) status!: string;
  @Prop({ type: String, required: true }) eventId!: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const SubscriptionEndSchema = SchemaFactory.createForClass(SubscriptionEnd);
