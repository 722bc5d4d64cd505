import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A paying member joining or leaving one of the plan's chats, as Telegram reported it. Append
 * only; `_id` is a keyed hash of the update (chat, user, date, kind), so a re-delivered update is
 * recorded, and announced, once.
 */
@Schema({ collection: 'member_presence', versionKey: false })
export class MemberPresence {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) membershipId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: String, required: true, enum: ['joined', 'left'] }) kind!: 'joined' | 'left';
  @Prop({ type: Date, required: true }) at!: Date;
}

export const MemberPresenceSchema = SchemaFactory.createForClass(MemberPresence);
MemberPresenceSchema.index({ membershipId: 1, at: 1 });
