import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const RECOVERY_TRIGGERS = ['scheduled', 'delayed_check', 'manual', 'bulk'] as const;
/** What started a recovery attempt: the periodic pass, a fresh payment's check, or an admin. */
export type RecoveryTrigger = (typeof RECOVERY_TRIGGERS)[number];

export const RECOVERY_ACTIONS = [
  'pending',
  'reapplied',
  'redelivered',
  'retried',
  'already_member',
  'failed',
] as const;
/**
 * pending: decided, not finished (the instance stopped); reapplied: a recorded grant was applied
 * (its membership and delivery followed); redelivered: the access domain sent fresh links;
 * retried: the delivery's own outbox jobs were made due again; already_member: the payer is in
 * every chat of the plan, nothing was sent; failed: the attempt itself could not be made.
 */
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

/**
 * One recovery attempt for one payment, `_id` `<paymentId>:<n>`: inserting the next n is the
 * decision to try again, so two instances (or an admin and the scheduled pass) never both try
 * attempt n. Only the inserter settles its action.
 */
@Schema({ collection: 'recovery_attempts', versionKey: false })
export class RecoveryAttempt {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) paymentId!: string;
  @Prop({ type: Number, required: true }) n!: number;
  @Prop({ type: String, required: true, enum: RECOVERY_TRIGGERS }) trigger!: RecoveryTrigger;
  @Prop({ type: String, required: true, enum: RECOVERY_ACTIONS }) action!: RecoveryAction;
  @Prop({ type: String }) detail?: string;
  /** The admin principal for manual and bulk attempts. */
  @Prop({ type: String }) by?: string;
  @Prop({ type: Date, required: true, index: true }) at!: Date;
}

export const RecoveryAttemptSchema = SchemaFactory.createForClass(RecoveryAttempt);
