import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { GRANT_KINDS, GRANT_PROVIDERS } from '../membership.types';
import { GrantedChannelSchema } from './granted-channel.schema';

/**
 * The exactly-once decision for one payment: `_id` is `<provider>:<providerPaymentId>`, so however
 * often a webhook or update is delivered, and however concurrently, one grant document exists.
 */
@Schema({
  collection: 'grants',
  versionKey: false,
  timestamps: { createdAt: true, updatedAt: false },
})
export class Grant {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: GRANT_PROVIDERS }) provider!: string;
  @Prop({ type: String, required: true }) providerPaymentId!: string;
  @Prop({ type: String, required: true, enum: GRANT_KINDS }) kind!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) planId!: string;
  @Prop({ type: String }) paymentId?: string;
  @Prop({ type: Number }) telegramUserId?: number;
  @Prop({ type: [GrantedChannelSchema], required: true }) channels!: {
    channelId: string;
    chatId: number;
    title?: string;
  }[];
  @Prop({ type: Number, required: true }) durationMinutes!: number;
  @Prop({ type: String, required: true }) accessMode!: string;
  @Prop({ type: String, required: true }) billing!: string;
  @Prop({ type: Object }) customer?: Record<string, string>;
  @Prop({ type: String }) stripeSubscriptionId?: string;
  @Prop({ type: String }) externalUserId?: string;
  @Prop({ type: String }) membershipId?: string;
  /** The ledger slot of this grant's period (with membershipId): a re-apply reads it by `_id`. */
  @Prop({ type: Number }) periodSeq?: number;
  @Prop({ type: Date }) appliedAt?: Date;
  @Prop({ type: Date }) personalDataErasedAt?: Date;
  createdAt!: Date;
}

export const GrantSchema = SchemaFactory.createForClass(Grant);
GrantSchema.index({ provider: 1, providerPaymentId: 1 }, { unique: true });
GrantSchema.index({ paymentId: 1 });
GrantSchema.index({ membershipId: 1 });
