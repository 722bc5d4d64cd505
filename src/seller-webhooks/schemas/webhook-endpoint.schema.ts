import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const DISABLED_REASONS = ['seller', 'consecutive_failures'] as const;
/** seller: switched off through the API; consecutive_failures: by the delivery worker. */
export type DisabledReason = (typeof DISABLED_REASONS)[number];

/**
 * A seller's own server that receives signed event deliveries. The signing secret is a SecretBox
 * ciphertext (we must sign with it, so it cannot be hashed). After a rotation the previous secret
 * stays valid for a grace period so the seller can switch without dropping deliveries.
 * Written by its seller (and the operator's key-rotation run), and switched off by the delivery
 * worker that wins the disablement decision (seller_webhook_disablements).
 */
@Schema({ collection: 'seller_webhook_endpoints', versionKey: false })
export class WebhookEndpoint {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) url!: string;
  /** Empty: every event type. */
  @Prop({ type: [String], required: true }) events!: string[];
  @Prop({ type: String, default: null }) description!: string | null;
  @Prop({ type: Boolean, required: true }) enabled!: boolean;
  /** Last switched on (null: since createdAt); a failure streak only counts attempts after it. */
  @Prop({ type: Date, default: null }) enabledAt!: Date | null;
  @Prop({ type: Date, default: null }) disabledAt!: Date | null;
  @Prop({ type: String, default: null, enum: [...DISABLED_REASONS, null] })
  disabledReason!: DisabledReason | null;
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
