import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The ledger of paid time, one entry per payment or revocation. `_id` is the entry's slot,
 * `<membershipId>:<seq>` (see `periodSlotId`), and seqs have no gaps (slot n+1 is only written
 * after slot n was read), so every ledger read is a lookup by `_id`: on embedded FerretDB any
 * other filter scans the whole collection, which grows with every payment. Two renewals racing
 * for the same slot collide on `_id`: the loser re-reads and stacks after the winner.
 * `grantId` is unique, so a grant adds time once; a `revoked` entry (which ends all earlier paid
 * time at its instant: refund, removal) carries `revoked:<membershipId>:<seq>` there.
 *
 * Entries written before this layout (`_id` = grant id, no `grantId`) exist only in developers'
 * local databases and are not migrated: drop `membership_periods` there.
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
  @Prop({ type: String, required: true }) grantId!: string;
  @Prop({ type: Date, required: true }) startsAt!: Date;
  @Prop({ type: Date, required: true }) endsAt!: Date;
  @Prop({ type: String, required: true, enum: ['paid', 'revoked'] }) kind!: 'paid' | 'revoked';
  @Prop({ type: String }) reason?: string;
  createdAt!: Date;
}

export const MembershipPeriodSchema = SchemaFactory.createForClass(MembershipPeriod);
MembershipPeriodSchema.index({ grantId: 1 }, { unique: true });
// Serves only the erasure's deleteMany on MongoDB; reads never filter by membershipId.
MembershipPeriodSchema.index({ membershipId: 1, seq: 1 }, { unique: true });
