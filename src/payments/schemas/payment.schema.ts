import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Types } from 'mongoose';
import {
  PAYMENT_KINDS,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  type ClaimRefs,
  type PaymentCustomer,
  type PlanSnapshot,
  type RefundInfo,
  type StarsRefs,
  type StoredStripeRefs,
} from '../payment.types';

/**
 * One payment: a checkout (pending until paid) or a subscription's renewal. `key` is unique and
 * always present: `checkout:<_id>` for a checkout, `stripe:invoice:<id>` / `stars:charge:<id>` for
 * a renewal, so a renewal seen twice (or concurrently) is stored once.
 *
 * Who writes it (docs/ARCHITECTURE.md): the checkout request creates it and records its Stripe
 * session; "succeeded" is decided by the grant insert (`<provider>:<providerPaymentId>`), and the
 * success fields written after it are derived from the grant, so every writer writes the same
 * values; "refunded" is decided by the insert of a `payment_refunds` record. Everything that only
 * helps find a payment (payment intent, invoice, subscription ids) goes to the append-only
 * `payment_refs` collection instead of being patched in here by several webhooks at once.
 */
@Schema({ collection: 'payments', versionKey: false })
export class Payment {
  _id!: Types.ObjectId;
  @Prop({ type: String, required: true, unique: true }) key!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) planId!: string;
  @Prop({ type: Object, required: true }) plan!: PlanSnapshot;
  @Prop({ type: String, required: true, enum: PAYMENT_KINDS }) kind!: string;
  @Prop({ type: String }) parentPaymentId?: string;
  @Prop({ type: String, required: true, enum: PAYMENT_PROVIDERS }) provider!: string;
  @Prop({ type: String, required: true, enum: PAYMENT_STATUSES }) status!: string;
  @Prop({ type: Number, required: true }) amountMinor!: number;
  @Prop({ type: Number, required: true }) discountMinor!: number;
  @Prop({ type: String, required: true }) currency!: string;
  @Prop({ type: String }) promoCodeId?: string;
  @Prop({ type: Object, required: true, default: {} }) customer!: PaymentCustomer;
  @Prop({ type: Object }) stripe?: StoredStripeRefs;
  @Prop({ type: Object }) stars?: StarsRefs;
  @Prop({ type: Object }) claim?: ClaimRefs;
  /** Lookup keys kept at the top level so they can be indexed. */
  @Prop({ type: String }) claimTokenHash?: string;
  @Prop({ type: String }) checkoutSessionId?: string;
  @Prop({ type: String }) subscriptionId?: string;
  @Prop({ type: String }) grantId?: string;
  @Prop({ type: String }) failureReason?: string;
  @Prop({ type: Object }) refund?: RefundInfo;
  @Prop({ type: Date }) expiresAt?: Date;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date }) paidAt?: Date;
  @Prop({ type: String, required: true }) day!: string;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: Date }) personalDataErasedAt?: Date;
}

export const PaymentSchema = SchemaFactory.createForClass(Payment);
PaymentSchema.index({ sellerId: 1, createdAt: -1 });
PaymentSchema.index({ sellerId: 1, status: 1, createdAt: -1 });
PaymentSchema.index({ sellerId: 1, day: 1 });
PaymentSchema.index({ status: 1, createdAt: 1 });
PaymentSchema.index({ claimTokenHash: 1 });
/** The privacy job's daily look for web payments whose claim expired unclaimed. */
PaymentSchema.index({ 'claim.expiresAt': 1 });
PaymentSchema.index({ checkoutSessionId: 1 });
PaymentSchema.index({ subscriptionId: 1 });
PaymentSchema.index({ parentPaymentId: 1 });
