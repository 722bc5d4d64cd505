import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One HTTP request of a delivery, appended by the worker that holds that outbox attempt's claim
 * (`<deliveryId>:<attempt>`). An endpoint's failure streak is read from this ledger, never kept
 * as a counter (concurrent deliveries would lose increments on FerretDB).
 */
@Schema({ collection: 'seller_webhook_attempts', versionKey: false })
export class WebhookAttemptRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) endpointId!: string;
  @Prop({ type: String, required: true }) deliveryId!: string;
  @Prop({ type: Number, required: true }) attempt!: number;
  @Prop({ type: Date, required: true }) at!: Date;
  /** A 2xx answer. */
  @Prop({ type: Boolean, required: true }) ok!: boolean;
  /** The HTTP status, or null when no answer came (timeout, network, refused address). */
  @Prop({ type: Number, default: null }) statusCode!: number | null;
  @Prop({ type: String, default: null }) error!: string | null;
  @Prop({ type: Number, required: true }) durationMs!: number;
  /** The start of the receiver's answer (at most 1 KB), to debug failures. */
  @Prop({ type: String, default: null }) responseBody!: string | null;
}

export const WebhookAttemptSchema = SchemaFactory.createForClass(WebhookAttemptRecord);
// The endpoint's latest attempts (failure streak); a delivery's attempts; retention.
WebhookAttemptSchema.index({ sellerId: 1, endpointId: 1, at: -1 });
WebhookAttemptSchema.index({ sellerId: 1, deliveryId: 1 });
WebhookAttemptSchema.index({ at: 1 });
