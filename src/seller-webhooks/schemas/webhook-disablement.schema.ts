import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The decision that an endpoint failed too often and is switched off, at most once per time it
 * was enabled (`<endpointId>:<enabledAt ms>`): concurrent failing deliveries all see the streak,
 * the one whose insert wins disables the endpoint and tells the seller.
 */
@Schema({ collection: 'seller_webhook_disablements', versionKey: false })
export class WebhookDisablementRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) endpointId!: string;
  @Prop({ type: Date, required: true }) enabledAt!: Date;
  @Prop({ type: Number, required: true }) failures!: number;
  @Prop({ type: String, default: null }) lastError!: string | null;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const WebhookDisablementSchema = SchemaFactory.createForClass(WebhookDisablementRecord);
WebhookDisablementSchema.index({ sellerId: 1, endpointId: 1 });
WebhookDisablementSchema.index({ createdAt: 1 });
