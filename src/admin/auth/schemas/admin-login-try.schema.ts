import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const LOGIN_TRY_KINDS = ['try', 'use'] as const;
export type LoginTryKind = (typeof LOGIN_TRY_KINDS)[number];
export const LOGIN_TRY_OUTCOMES = ['pending', 'wrong', 'right', 'throttled'] as const;
export type LoginTryOutcome = (typeof LOGIN_TRY_OUTCOMES)[number];

/**
 * Tries of a code, `_id` `<codeId>:<n>` with n from 1 to the limit: inserting the next free n is
 * how a try is taken, so however many requests race, a code gets exactly that many tries. The
 * code's single use is the insert of `<codeId>:use`. Only the inserter settles the outcome.
 */
@Schema({ collection: 'admin_login_tries', versionKey: false })
export class AdminLoginTry {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) codeId!: string;
  @Prop({ type: Number, required: true }) telegramId!: number;
  @Prop({ type: String, required: true, enum: LOGIN_TRY_KINDS }) kind!: LoginTryKind;
  @Prop({ type: String, required: true, enum: LOGIN_TRY_OUTCOMES }) outcome!: LoginTryOutcome;
  @Prop({ type: Date, required: true, index: true }) at!: Date;
}

export const AdminLoginTrySchema = SchemaFactory.createForClass(AdminLoginTry);
AdminLoginTrySchema.index({ telegramId: 1, at: 1 });
