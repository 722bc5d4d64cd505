import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ROLES, Role } from '../../auth/principal';

export const SELLER_STATUSES = ['active', 'disabled'] as const;
/** `disabled` is for platform admins (a later issue): such an account can neither log in nor refresh. */
export type SellerStatus = (typeof SELLER_STATUSES)[number];

/** A seller account. Only the seller themself updates it (profile, password). */
@Schema({ collection: 'sellers', versionKey: false })
export class Seller {
  /** Trimmed and lower-cased before it gets here, so uniqueness is case-insensitive. */
  @Prop({ type: String, required: true, unique: true }) email!: string;
  @Prop({ type: String, required: true }) passwordHash!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, required: true, enum: ROLES, default: 'seller' }) role!: Role;
  @Prop({ type: String, required: true, enum: SELLER_STATUSES, default: 'active' })
  status!: SellerStatus;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const SellerSchema = SchemaFactory.createForClass(Seller);
