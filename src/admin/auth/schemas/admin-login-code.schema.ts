import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A one-time login code, stored as an HMAC (keyed with a server secret, so a copy of the
 * database alone does not let anyone test the million candidates). Never updated: tries and the
 * single use are separate inserts (AdminLoginTry). Only a Telegram id's latest code counts.
 */
@Schema({ collection: 'admin_login_codes', versionKey: false })
export class AdminLoginCode {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) telegramId!: number;
  @Prop({ type: String, required: true }) codeHash!: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true, index: true }) expiresAt!: Date;
}

export const AdminLoginCodeSchema = SchemaFactory.createForClass(AdminLoginCode);
AdminLoginCodeSchema.index({ telegramId: 1, createdAt: -1 });
