import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { API_KEY_SCOPES, ApiKeyScope } from '../../principal';

/**
 * A seller's API key. The key itself (`mg_<prefix>_<secret>`) is shown once; we keep its sha256
 * and the public prefix, which finds the record on each request and names the key in lists.
 */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, unique: true }) prefix!: string;
  @Prop({ type: String, required: true }) keyHash!: string;
  @Prop({ type: [String], required: true, enum: API_KEY_SCOPES }) scopes!: ApiKeyScope[];
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, default: null }) revokedAt!: Date | null;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
