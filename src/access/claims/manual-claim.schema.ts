import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The claim link of a seller's grant to someone known only by the seller's own id: `_id` is the
 * sha256 of the token (the token itself is shown once, in the grant-access answer). Who wins the
 * claim is decided by GrantService.claim (grant_claims insert).
 */
@Schema({ collection: 'manual_claims', versionKey: false })
export class ManualClaim {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) grantId!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: Date, required: true }) expiresAt!: Date;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const ManualClaimSchema = SchemaFactory.createForClass(ManualClaim);
ManualClaimSchema.index({ grantId: 1 });
// The privacy job's daily look for claims that expired long enough ago.
ManualClaimSchema.index({ expiresAt: 1 });
