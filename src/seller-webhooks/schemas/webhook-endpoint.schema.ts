import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A seller's own server that receives signed event deliveries. The signing secret is a SecretBox
 * ciphertext (we must sign with it, so it cannot be hashed). After a rotation the previous secret
 * stays valid for a grace period so the seller can switch without dropping deliveries.
 * Written by its seller only (and the operator's key-rotation run).
 */
@Schema({ collection: 'seller_webhook_endpoints', versionKey: false })
export class WebhookEndpoint {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) url!: string;
  /** Empty: every event type. */
  @Prop({ type: [String], required: true }) events!: string[];
  @Prop({ type: String, default: null }) description!: string | null;
  @Prop({ type: Boolean, required: true }) enabled!: boolean;
  @Prop({ type: String, required: true }) secretEnc!: string;
  @Prop({ type: String, required: true }) secretLast4!: string;
  @Prop({ type: String, default: null }) previousSecretEnc!: string | null;
  @Prop({ type: Date, default: null }) previousSecretExpiresAt!: Date | null;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: Date, default: null }) deletedAt!: Date | null;
}

export const WebhookEndpointSchema = SchemaFactory.createForClass(WebhookEndpoint);
WebhookEndpointSchema.index({ sellerId: 1, deletedAt: 1, createdAt: 1 });
