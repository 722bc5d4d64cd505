import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The decision to announce one loss of rights: `_id` is `<channelId>:<id of the last good check>`,
 * so observers racing on the same loss (a Telegram update and a recheck) announce it once.
 */
@Schema({ collection: 'channel_rights_alerts', versionKey: false })
export class ChannelRightsAlert {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: String, required: true }) channelId!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const ChannelRightsAlertSchema = SchemaFactory.createForClass(ChannelRightsAlert);
