import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * `_id` is a membership's key (`<planId>:<telegramUserId>`), pointing at the membership it names.
 * It exists so that finding a customer's membership of a plan (every renewal, every checkout) is
 * a lookup by `_id`: the embedded FerretDB uses no index for any other field and would scan all
 * memberships. Inserted before its membership, with the membership's id chosen up front, so a
 * crash in between leaves a key whose membership the next `findOrCreate` makes.
 */
@Schema({
  collection: 'membership_keys',
  versionKey: false,
  timestamps: { createdAt: true, updatedAt: false },
})
export class MembershipKey {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) membershipId!: string;
}

export const MembershipKeySchema = SchemaFactory.createForClass(MembershipKey);
