import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ _id: false, versionKey: false })
export class GrantedChannel {
  @Prop({ type: String, required: true }) channelId!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: String }) title?: string;
}

export const GrantedChannelSchema = SchemaFactory.createForClass(GrantedChannel);
