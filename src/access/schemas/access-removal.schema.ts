import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const REMOVAL_KINDS = ['stranger', 'seller'] as const;
/** stranger: joined through someone else's link; seller: a seller's removal without a membership. */
export type RemovalKind = (typeof REMOVAL_KINDS)[number];

export const REMOVAL_STATUSES = ['pending', 'done', 'skipped', 'failed'] as const;
export type RemovalStatus = (typeof REMOVAL_STATUSES)[number];

/**
 * One removal from a chat of someone who holds no membership there (ban, then unban
 * only_if_banned). The outbox job names only this document, so the Telegram id lives here alone.
 * `_id` is a keyed hash of the business event, so a re-delivered update removes once. (A member's
 * removal needs no document: its job names the membership.)
 */
@Schema({ collection: 'access_removals', versionKey: false })
export class AccessRemoval {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: REMOVAL_KINDS }) kind!: RemovalKind;
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
AccessRemovalSchema.index({ status: 1, createdAt: 1 });
