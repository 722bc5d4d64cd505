import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const STRIPE_EVENT_STATES = ['processing', 'processed', 'failed'] as const;
export type StripeEventState = (typeof STRIPE_EVENT_STATES)[number];

/**
 * One Stripe event as received on one endpoint: `_id` is `<scope>:<eventId>` (scope `platform`
 * or the seller id of an own-account endpoint). Inserting it claims the processing; the inserter
 * (or, after a failure or a crash, the delivery that takes it over) is the only writer. A delivery
 * of an event already `processed` is acknowledged without doing anything.
 */
@Schema({ collection: 'stripe_events', versionKey: false })
export class StripeEventRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) eventId!: string;
  @Prop({ type: String, required: true }) scope!: string;
  @Prop({ type: String, required: true }) type!: string;
  @Prop({ type: String, required: true, enum: STRIPE_EVENT_STATES }) state!: string;
  @Prop({ type: Number, required: true }) attempts!: number;
  /** What the handler did, for support: e.g. `granted`, `duplicate`, `ignored: unknown type`. */
  @Prop({ type: String }) outcome?: string;
  @Prop({ type: String }) lastError?: string;
  @Prop({ type: Date, required: true }) receivedAt!: Date;
  @Prop({ type: Date, required: true }) claimedAt!: Date;
  @Prop({ type: Date }) processedAt?: Date;
}

export const StripeEventSchema = SchemaFactory.createForClass(StripeEventRecord);
StripeEventSchema.index({ state: 1, receivedAt: 1 });
