import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One document per issued refresh token. Rotation inserts the successor with `parentId` = the
 * presented token's id; `parentId` is unique, so of two concurrent refreshes of one token exactly
 * one insert wins and the other is, correctly, a reuse. A family's first token has the parent
 * `root:<familyId>` (a unique field is always present: FerretDB has no partial indexes).
 */
@Schema({ collection: 'refresh_tokens', versionKey: false })
export class RefreshToken {
  @Prop({ type: String, required: true, unique: true }) tokenHash!: string;
  @Prop({ type: String, required: true, unique: true }) parentId!: string;
  @Prop({ type: String, required: true, index: true }) familyId!: string;
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true, index: true }) expiresAt!: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
