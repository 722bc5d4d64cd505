import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const DELIVERY_REASONS = ['grant', 'resend', 'claim', 'seller', 'test'] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/**
 * One sending of invite links to a member: which chats it covers, fixed when it is created
 * (insert once by `_id`), so the message that carries the links can tell when every link of the
 * delivery is settled, whatever order the link jobs finish in.
 */
@Schema({ collection: 'access_deliveries', versionKey: false })
export class AccessDelivery {
  /** `grant:<grantId>`, `resend:<...>`...: names the business event, never personal data. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) membershipId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: [Number], required: true }) chatIds!: number[];
  @Prop({ type: String, required: true, enum: DELIVERY_REASONS }) reason!: DeliveryReason;
  @Prop({ type: String }) grantId?: string;
  @Prop({ type: String }) paymentId?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const AccessDeliverySchema = SchemaFactory.createForClass(AccessDelivery);
AccessDeliverySchema.index({ membershipId: 1 });
