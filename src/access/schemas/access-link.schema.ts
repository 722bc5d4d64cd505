import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const ACCESS_LINK_STATUSES = [
  'pending',
  'issued',
  'not_needed',
  'failed',
  'used',
  'revoked',
] as const;
/**
 * pending: its link job has not created it yet; issued: sent, unused; not_needed: the member was
 * already in the chat (or lost access before it was made); failed: Telegram refused to create it;
 * used: the payer joined through it; revoked: withdrawn unused. An issued link past expiresAt is
 * reported as expired.
 */
export type AccessLinkStatus = (typeof ACCESS_LINK_STATUSES)[number];

export const DELIVERY_REASONS = ['grant', 'resend', 'claim', 'seller', 'test'] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

/**
 * A personal invite link: `_id` is `<deliveryId>:<chatId>` (one per delivery and chat, inserted
 * once), and it ties the link to the payer, so a join through it can be matched to who paid.
 * A delivery is the set of links sent together; each of its links names all its chats
 * (`deliveryChatIds`), so whoever settles the last link knows it is the last.
 * Its status is informational; every decision taken from it (revoke, remove a stranger) is named
 * by an outbox idempotency key, so concurrent writers of the status cannot cause a double action.
 */
@Schema({ collection: 'access_links', versionKey: false })
export class AccessLink {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) deliveryId!: string;
  @Prop({ type: [Number], required: true }) deliveryChatIds!: number[];
  @Prop({ type: String, required: true, enum: DELIVERY_REASONS }) reason!: DeliveryReason;
  @Prop({ type: String }) grantId?: string;
  @Prop({ type: String }) paymentId?: string;
  @Prop({ type: String, required: true }) membershipId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) channelId!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: String }) title?: string;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: String, required: true, enum: ['invite_link', 'join_request'] }) mode!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: ACCESS_LINK_STATUSES }) status!: AccessLinkStatus;
  @Prop({ type: String }) inviteLink?: string;
  @Prop({ type: Date }) expiresAt?: Date;
  @Prop({ type: String }) note?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date }) issuedAt?: Date;
  @Prop({ type: Date }) usedAt?: Date;
  @Prop({ type: Date }) revokedAt?: Date;
}

export const AccessLinkSchema = SchemaFactory.createForClass(AccessLink);
AccessLinkSchema.index({ inviteLink: 1 });
AccessLinkSchema.index({ deliveryId: 1 });
AccessLinkSchema.index({ membershipId: 1, chatId: 1, status: 1 });
AccessLinkSchema.index({ sellerId: 1, membershipId: 1 });
