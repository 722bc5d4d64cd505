import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const PAYMENT_MODES = ['platform', 'own'] as const;
/** `platform`: the platform's Stripe account takes the money; `own`: the seller's account does. */
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * One document per seller (unique sellerId), written by that seller only, and by the operator's
 * key-rotation run. Stripe secrets are SecretBox ciphertexts; only their last four characters are
 * ever shown.
 */
@Schema({ collection: 'payment_settings', versionKey: false })
export class PaymentSettings {
  @Prop({ type: String, required: true, unique: true }) sellerId!: string;
  @Prop({ type: String, required: true, enum: PAYMENT_MODES }) mode!: PaymentMode;
  @Prop({ type: String, default: null }) stripeSecretKeyEnc!: string | null;
  @Prop({ type: String, default: null }) stripeSecretKeyLast4!: string | null;
  @Prop({ type: String, default: null }) stripeWebhookSecretEnc!: string | null;
  @Prop({ type: String, default: null }) stripeWebhookSecretLast4!: string | null;
  @Prop({ type: Boolean, default: null }) stripeLivemode!: boolean | null;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const PaymentSettingsSchema = SchemaFactory.createForClass(PaymentSettings);
