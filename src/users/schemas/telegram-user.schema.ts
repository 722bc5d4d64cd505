import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A Telegram user who talked to the bot. Written by the bot's update gate (profile, lastSeenAt,
 * blockedBot) and by the outbox failure listener (blockedBot); both fields are informational
 * caches, so a write lost to a concurrent one (FerretDB) costs nothing. Bans are NOT stored here:
 * they live in the append-only `telegram_user_bans` ledger, so no write can undo a ban.
 */
@Schema({ collection: 'telegram_users', versionKey: false })
export class TelegramUser {
  @Prop({ type: Number, required: true, unique: true }) telegramUserId!: number;
  @Prop({ type: String }) username?: string;
  @Prop({ type: String }) firstName?: string;
  @Prop({ type: String }) lastName?: string;
  @Prop({ type: String }) languageCode?: string;
  @Prop({ type: Date, required: true }) firstSeenAt!: Date;
  @Prop({ type: Date, required: true, index: true }) lastSeenAt!: Date;
  /** Telegram answered 403 "bot was blocked by the user", or the user blocked the bot. */
  @Prop({ type: Boolean, required: true, default: false }) blockedBot!: boolean;
  @Prop({ type: Date }) blockedBotAt?: Date;
}

export const TelegramUserSchema = SchemaFactory.createForClass(TelegramUser);
TelegramUserSchema.index({ username: 1 });
