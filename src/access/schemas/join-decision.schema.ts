import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The answer to one join request: approve the payer, decline anyone else. `_id` is a keyed hash
 * of chat, user and request date (no Telegram id in it), so a re-delivered update decides once.
 */
@Schema({ collection: 'join_decisions', versionKey: false })
export class JoinDecision {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) chatId!: number;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: Boolean, required: true }) approve!: boolean;
  @Prop({ type: String }) membershipId?: string;
  @Prop({ type: String }) sellerId?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const JoinDecisionSchema = SchemaFactory.createForClass(JoinDecision);
JoinDecisionSchema.index({ membershipId: 1 });
JoinDecisionSchema.index({ createdAt: 1 });
