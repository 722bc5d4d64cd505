import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Who claimed a web payment: `_id` is the grant id, so the first Telegram account to claim it
 * wins by insert (a conditional update would let two racing claimants both "win" on FerretDB).
 */
@Schema({ collection: 'grant_claims', versionKey: false })
export class GrantClaim {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) telegramUserId!: number;
  @Prop({ type: Date, required: true }) claimedAt!: Date;
}

export const GrantClaimSchema = SchemaFactory.createForClass(GrantClaim);
