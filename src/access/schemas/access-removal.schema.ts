import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const REMOVAL_KINDS = ['member', 'stranger', 'seller'] as const;
/** member: access ended (expiry, refund, seller); stranger: joined through someone else's link. */
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

export const REMOVAL_STATUSES = ['pending', 'done', 'skipped', 'failed'] as const;
export type RemovalStatus = (typeof REMOVAL_STATUSES)[number];

/**
 * One removal of a user from a chat (ban, then unban only_if_banned so they may come back after
 * paying). The outbox job names only this document, so the Telegram id lives here alone. `_id`
 * is deterministic per business event (for a member: membership, chat and ledger seq), so a
 * repeated sweep or request removes once.
 */
@Schema({ collection: 'access_removals', versionKey: false })
export class AccessRemoval {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: REMOVAL_KINDS }) kind!: RemovalKind;
  @Prop({ type: String }) membershipId?: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: String, required: true }) reason!: string;
  @Prop({ type: String, required: true, enum: REMOVAL_STATUSES }) status!: RemovalStatus;
  @Prop({ type: String }) note?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date }) finishedAt?: Date;
}

export const AccessRemovalSchema = SchemaFactory.createForClass(AccessRemoval);
AccessRemovalSchema.index({ membershipId: 1, status: 1 });
AccessRemovalSchema.index({ status: 1, createdAt: 1 });
