import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const BAN_ACTIONS = ['ban', 'unban'] as const;
export type BanAction = (typeof BAN_ACTIONS)[number];

/**
 * The platform-wide ban ledger: one document per ban or unban, `_id` `<telegramUserId>:<seq>`.
 * Appending the next seq is the decision (two admins acting at once: one insert wins, the other
 * re-reads); nothing is ever updated, and a user's state is their latest entry.
 */
@Schema({ collection: 'telegram_user_bans', versionKey: false })
export class TelegramUserBan {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: Number, required: true }) seq!: number;
  @Prop({ type: String, required: true, enum: BAN_ACTIONS }) action!: BanAction;
  /** The admin principal (`tg:<id>`). */
  @Prop({ type: String, required: true }) by!: string;
  @Prop({ type: String }) reason?: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const TelegramUserBanSchema = SchemaFactory.createForClass(TelegramUserBan);
TelegramUserBanSchema.index({ telegramUserId: 1, seq: -1 });
