import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const LOGIN_REQUEST_OUTCOMES = ['pending', 'accepted', 'throttled'] as const;
export type LoginRequestOutcome = (typeof LOGIN_REQUEST_OUTCOMES)[number];

/**
 * One document per code request, inserted before counting (so parallel requests see each other,
 * across instances); only the request that inserted it settles its outcome.
 */
@Schema({ collection: 'admin_login_requests', versionKey: false })
export class AdminLoginRequest {
  @Prop({ type: Number, required: true }) telegramId!: number;
  @Prop({ type: String, required: true }) ip!: string;
  @Prop({ type: String, required: true, enum: LOGIN_REQUEST_OUTCOMES })
  outcome!: LoginRequestOutcome;
  @Prop({ type: Date, required: true, index: true }) at!: Date;
}

export const AdminLoginRequestSchema = SchemaFactory.createForClass(AdminLoginRequest);
AdminLoginRequestSchema.index({ telegramId: 1, at: 1 });
AdminLoginRequestSchema.index({ ip: 1, at: 1 });
