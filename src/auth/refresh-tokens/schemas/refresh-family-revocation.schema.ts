import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const REVOCATION_REASONS = ['logout', 'reuse', 'password_changed', 'account'] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/**
 * A revoked token family, keyed by the family id: revoking is an insert (idempotent, atomic on
 * both engines), never an update of every token in the family, and every refresh checks it.
 */
@Schema({ collection: 'refresh_family_revocations', versionKey: false })
export class RefreshFamilyRevocation {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: String, required: true, enum: REVOCATION_REASONS }) reason!: RevocationReason;
  @Prop({ type: Date, required: true }) revokedAt!: Date;
}

export const RefreshFamilyRevocationSchema = SchemaFactory.createForClass(RefreshFamilyRevocation);
