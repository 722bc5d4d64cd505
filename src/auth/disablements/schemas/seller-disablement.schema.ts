import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A disabled seller account, `_id` the seller id. Disabling is an insert and enabling a delete
 * (both atomic on FerretDB too), so an admin's decision is never lost to a concurrent write of
 * the seller's own profile; the auth guard checks it by `_id` on every seller request.
 */
@Schema({ collection: 'seller_disablements', versionKey: false })
export class SellerDisablement {
  @Prop({ type: String, required: true }) _id!: string;
  /** The admin principal (`tg:<id>`). */
  @Prop({ type: String, required: true }) by!: string;
  @Prop({ type: String, required: true }) reason!: string;
  @Prop({ type: Date, required: true }) disabledAt!: Date;
}

export const SellerDisablementSchema = SchemaFactory.createForClass(SellerDisablement);
