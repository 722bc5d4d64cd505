import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SUPPORTED_CHAT_TYPES, ChannelChatType } from '../bot-rights';

/**
 * A Telegram chat a seller connected. One chat belongs to one seller at a time: `activeChatKey`
 * is unique and holds the chat id while connected, `deleted:<_id>` after a soft delete (a unique
 * field must always be present: FerretDB has no partial indexes). So connecting is an insert that
 * the index decides, also when two sellers race for the same chat.
 *
 * The document is written at connection and at deletion only, both by its seller. The bot's
 * rights live in the append-only `channel_rights_checks` ledger, which both the seller (recheck)
 * and Telegram updates write to without racing on this document.
 */
@Schema({ collection: 'channels', versionKey: false })
export class Channel {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Number, required: true, index: true }) chatId!: number;
  @Prop({ type: String, required: true, enum: SUPPORTED_CHAT_TYPES }) type!: ChannelChatType;
  @Prop({ type: String, required: true }) title!: string;
  @Prop({ type: String, default: null }) username!: string | null;
  @Prop({ type: String, required: true, unique: true }) activeChatKey!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) deletedAt!: Date | null;
}

export const ChannelSchema = SchemaFactory.createForClass(Channel);
ChannelSchema.index({ sellerId: 1, deletedAt: 1, createdAt: 1 });

export const activeChatKey = (chatId: number): string => String(chatId);
export const deletedChatKey = (channelId: string): string => `deleted:${channelId}`;
