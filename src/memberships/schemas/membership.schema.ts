import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { MEMBERSHIP_STATUSES } from '../membership-status';
import { GrantedChannelSchema } from './granted-channel.schema';

/**
 * One Telegram user's access to one plan. `key` (`<planId>:<telegramUserId>`) makes creation
 * idempotent; `expiresAt` caches the end of the periods ledger, which stays the truth.
 */
@Schema({ collection: 'memberships', versionKey: false, timestamps: true })
export class Membership {
  @Prop({ type: String, required: true, unique: true }) key!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) planId!: string;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: String, required: true, enum: MEMBERSHIP_STATUSES }) status!: string;
  @Prop({ type: Date }) expiresAt?: Date;
  @Prop({ type: Date }) graceEndsAt?: Date;
  @Prop({ type: [GrantedChannelSchema], default: [] }) channels!: {
    channelId: string;
    chatId: number;
    title?: string;
  }[];
  @Prop({ type: String, required: true }) accessMode!: string;
  @Prop({ type: String, required: true }) billing!: string;
  @Prop({ type: Object, default: {} }) customer!: Record<string, string>;
  @Prop({ type: String }) stripeSubscriptionId?: string;
  @Prop({ type: String }) externalUserId?: string;
  @Prop({ type: Boolean, default: false }) test!: boolean;
  /** When the membership last lost access (expired, cancelled, removed); retention counts from it. */
  @Prop({ type: Date }) endedAt?: Date;
  /** The subscription will not renew (cancelled at Stripe): no grace when its paid time ends. */
  @Prop({ type: Date }) renewalStoppedAt?: Date;
  /** A seller asked to erase this member; done once the removal from the chats has finished. */
  @Prop({ type: Date }) erasureRequestedAt?: Date;
  @Prop({ type: Date }) personalDataErasedAt?: Date;
  /**
   * Where ledger reads start probing (see MembershipPeriod): the latest seq seen after an append.
   * Written without a condition, so it may lag behind the ledger, but never leads it.
   */
  @Prop({ type: Number }) ledgerSeq?: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export const MembershipSchema = SchemaFactory.createForClass(Membership);
MembershipSchema.index({ sellerId: 1, status: 1 });
MembershipSchema.index({ sellerId: 1, planId: 1 });
MembershipSchema.index({ status: 1, expiresAt: 1 });
MembershipSchema.index({ status: 1, graceEndsAt: 1 });
MembershipSchema.index({ telegramUserId: 1 });
MembershipSchema.index({ stripeSubscriptionId: 1 });
MembershipSchema.index({ sellerId: 1, createdAt: -1 });
MembershipSchema.index({ 'channels.chatId': 1, telegramUserId: 1 });
MembershipSchema.index({ endedAt: 1 });
MembershipSchema.index({ erasureRequestedAt: 1 });
