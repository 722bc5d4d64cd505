import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Every status change of a membership, with why it happened. */
@Schema({ collection: 'membership_events', versionKey: false })
export class MembershipEvent {
  @Prop({ type: String, required: true }) membershipId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) from!: string;
  @Prop({ type: String, required: true }) to!: string;
  @Prop({ type: String, required: true }) reason!: string;
  @Prop({ type: Date, required: true }) at!: Date;
}

export const MembershipEventSchema = SchemaFactory.createForClass(MembershipEvent);
MembershipEventSchema.index({ membershipId: 1, at: 1 });
