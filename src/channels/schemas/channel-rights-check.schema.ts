import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const RIGHTS_CHECK_SOURCES = ['connect', 'recheck', 'telegram_update'] as const;
export type RightsCheckSource = (typeof RIGHTS_CHECK_SOURCES)[number];

/**
 * One observation of the bot's rights in a channel, appended, never updated. A channel's current
 * state is its latest observation (by our clock, the order in which we learned things).
 */
@Schema({ collection: 'channel_rights_checks', versionKey: false })
export class ChannelRightsCheck {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) channelId!: string;
  @Prop({ type: Boolean, required: true }) ok!: boolean;
  @Prop({ type: String, required: true }) botStatus!: string;
  @Prop({ type: [String], required: true }) missingRights!: string[];
  @Prop({ type: String, required: true, enum: RIGHTS_CHECK_SOURCES }) source!: RightsCheckSource;
  /** The chat's title as seen by this check, when it saw one (titles change). */
  @Prop({ type: String, default: null }) title!: string | null;
  @Prop({ type: Date, required: true }) observedAt!: Date;
}

export const ChannelRightsCheckSchema = SchemaFactory.createForClass(ChannelRightsCheck);
ChannelRightsCheckSchema.index({ sellerId: 1, channelId: 1, observedAt: -1 });
