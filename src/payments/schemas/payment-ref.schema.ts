import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const PAYMENT_REF_KINDS = ['payment_intent', 'invoice', 'subscription', 'charge'] as const;
export type PaymentRefKind = (typeof PAYMENT_REF_KINDS)[number];

/**
 * Provider ids that lead to a payment (`<kind>:<id>` → payment), recorded by whichever webhook
 * sees them first. Append-only: several webhooks about one payment may arrive at once, and
 * inserts (unlike patches of one document) never lose each other's writes.
 */
@Schema({ collection: 'payment_refs', versionKey: false })
export class PaymentRef {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: PAYMENT_REF_KINDS }) kind!: string;
  @Prop({ type: String, required: true }) ref!: string;
  @Prop({ type: String, required: true }) paymentId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const PaymentRefSchema = SchemaFactory.createForClass(PaymentRef);
PaymentRefSchema.index({ paymentId: 1, kind: 1 });
