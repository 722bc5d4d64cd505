import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const DELIVERY_TRIGGERS = ['event', 'resend', 'test'] as const;
/** event: the event happened; resend: the seller asked again; test: the seller's test ping. */
export type DeliveryTrigger = (typeof DELIVERY_TRIGGERS)[number];

/**
 * One event sent to one endpoint (one outbox job, `jobKey`). Inserted once and never updated:
 * its progress lives in the outbox job and its attempts in seller_webhook_attempts.
 */
@Schema({ collection: 'seller_webhook_deliveries', versionKey: false })
export class WebhookDeliveryRecord {
  /** `dlv_<32 hex>`; for an event's own delivery derived from (event, endpoint). */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) endpointId!: string;
  @Prop({ type: String, required: true }) eventId!: string;
  @Prop({ type: String, required: true }) eventType!: string;
  @Prop({ type: String, required: true, enum: DELIVERY_TRIGGERS }) trigger!: DeliveryTrigger;
  /** For a resend: the delivery it repeats. */
  @Prop({ type: String, default: null }) resendOf!: string | null;
  /** The outbox job's idempotency key. */
  @Prop({ type: String, required: true, unique: true }) jobKey!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const WebhookDeliverySchema = SchemaFactory.createForClass(WebhookDeliveryRecord);
// The delivery log of an endpoint, newest first.
WebhookDeliverySchema.index({ sellerId: 1, endpointId: 1, createdAt: -1, _id: -1 });
WebhookDeliverySchema.index({ createdAt: 1 });
