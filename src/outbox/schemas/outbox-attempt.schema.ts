import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { RateClass } from '../outbox.types';

/**
 * The claim on one attempt of one job: `_id` is `<jobId>:<attempt>`, so of several instances
 * inserting the same attempt exactly one succeeds (unique _id; inserts are atomic on FerretDB,
 * conditional updates are not). The winner alone then updates the job. The claims double as the
 * ledger of recent sends from which a new dispatcher seeds its rate windows.
 */
@Schema({ collection: 'outbox_attempts', versionKey: false })
export class OutboxAttemptRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) jobId!: string;
  @Prop({ type: Number, required: true }) attempt!: number;
  @Prop({ type: String, required: true }) owner!: string;
  @Prop({ type: String, required: true }) chatKey!: string;
  @Prop({ type: String, required: true }) rateClass!: RateClass;
  @Prop({ type: Date, required: true }) claimedAt!: Date;
  @Prop({ type: Date, required: true }) lockedUntil!: Date;
}

export const OutboxAttemptSchema = SchemaFactory.createForClass(OutboxAttemptRecord);
OutboxAttemptSchema.index({ claimedAt: 1 });
