import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, Role } from '../../auth/principal';

/**
 * A seller account. Only the seller themself updates it (profile, password); an admin disabling
 * it inserts a `seller_disablements` document instead (see SellerDisablement).
 */
@Schema({ collection: 'sellers', versionKey: false })
export class Seller {
  /** Trimmed and lower-cased before it gets here, so uniqueness is case-insensitive. */
  @Prop({ type: String, required: true, unique: true }) email!: string;
  @Prop({ type: String, required: true }) passwordHash!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: ROLES, default: 'seller' }) role!: Role;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const SellerSchema = SchemaFactory.createForClass(Seller);
