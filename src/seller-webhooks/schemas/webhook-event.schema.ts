import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One event for one seller, stored once with the exact body every delivery of it sends (retries
 * and resends are byte-identical, so signatures and receivers' dedupe by id stay consistent).
 * The id is derived from what happened (`sourceKey`), so the same domain event seen twice is one
 * webhook event: inserting it is the decision. Never updated; pruned after the log retention.
 */
@Schema({ collection: 'seller_webhook_events', versionKey: false })
export class WebhookEventRecord {
  /** `evt_<32 hex>`. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) type!: string;
  /** What happened, e.g. `payment.succeeded:<paymentId>`; the id is a hash of it. */
  @Prop({ type: String, required: true }) sourceKey!: string;
  /** Whose personal data the body carries (`membership:<id>`, `payment:<id>`), for erasure. */
  @Prop({ type: [String], default: [] }) subjects!: string[];
  /** The JSON body `{ id, type, createdAt, data }` exactly as sent. */
  @Prop({ type: String, required: true }) body!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const WebhookEventSchema = SchemaFactory.createForClass(WebhookEventRecord);
// Retention pruning; a member's erasure.
WebhookEventSchema.index({ createdAt: 1 });
WebhookEventSchema.index({ sellerId: 1, subjects: 1 });
