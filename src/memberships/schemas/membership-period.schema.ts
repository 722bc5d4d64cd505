import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The ledger of paid time. `_id` is the grant id (a grant adds time once); `(membershipId, seq)`
 * is unique, so two renewals racing for the same slot cannot both stack onto the same end date:
 * the loser re-reads the ledger and appends after the winner. A `revoked` entry (`_id`
 * `revoked:<membershipId>:<seq>`) ends all earlier paid time at its instant (refund, removal).
 */
@Schema({
  collection: 'membership_periods',
  versionKey: false,
  timestamps: { createdAt: true, updatedAt: false },
})
export class MembershipPeriod {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) membershipId!: string;
  @Prop({ type: Number, required: true }) seq!: number;
  @Prop({ type: Date, required: true }) startsAt!: Date;
  @Prop({ type: Date, required: true }) endsAt!: Date;
  /** Missing on entries written before revocations existed: those are `paid`. */
  @Prop({ type: String, enum: ['paid', 'revoked'] }) kind?: 'paid' | 'revoked';
  @Prop({ type: String }) reason?: string;
  createdAt!: Date;
}

export const MembershipPeriodSchema = SchemaFactory.createForClass(MembershipPeriod);
MembershipPeriodSchema.index({ membershipId: 1, seq: 1 }, { unique: true });
