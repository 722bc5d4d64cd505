import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const LOGIN_OUTCOMES = ['pending', 'failed', 'succeeded', 'throttled'] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

/**
 * One document per login attempt, inserted before the password is checked, so that concurrent
 * attempts see each other (counting in the database works across instances; in-memory counters
 * would not). Only the request that inserted an attempt ever updates it, with its outcome.
 */
@Schema({ collection: 'login_attempts', versionKey: false })
export class LoginAttempt {
  /** Normalised; unknown addresses are counted too, so throttling reveals nothing. */
  @Prop({ type: String, required: true }) email!: string;
  @Prop({ type: String, required: true }) ip!: string;
  @Prop({ type: String, required: true, enum: LOGIN_OUTCOMES }) outcome!: LoginOutcome;
  @Prop({ type: Date, required: true, index: true }) at!: Date;
}

export const LoginAttemptSchema = SchemaFactory.createForClass(LoginAttempt);
LoginAttemptSchema.index({ email: 1, at: 1 });
LoginAttemptSchema.index({ ip: 1, at: 1 });
