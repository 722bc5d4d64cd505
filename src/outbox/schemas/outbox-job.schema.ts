import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { CORRELATION_KEYS, OUTBOX_STATUSES } from '../outbox.types';
import type { OutboxCorrelation, OutboxStatus, RateClass } from '../outbox.types';

/**
 * One outbound action, written before it is attempted. Creating it is the decision (unique
 * idempotencyKey: the same business event enqueued twice is one job). After that, only the
 * instance holding the job's current attempt claim (outbox_attempts) updates it.
 */
@Schema({ collection: 'outbox_jobs', versionKey: false })
export class OutboxJobRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) kind!: string;
  @Prop({ type: MongooseSchema.Types.Mixed, required: true }) payload!: unknown;
  @Prop({ type: String, required: true, unique: true }) idempotencyKey!: string;
  @Prop({ type: String, required: true, enum: OUTBOX_STATUSES }) status!: OutboxStatus;
  @Prop({ type: Number, required: true }) attempts!: number;
  @Prop({ type: Number, required: true }) failures!: number;
  @Prop({ type: Number, required: true }) throttled!: number;
  @Prop({ type: Number, required: true }) maxAttempts!: number;
  @Prop({ type: Date, required: true }) nextAttemptAt!: Date;
  @Prop({ type: String }) lastError?: string;
  @Prop({ type: String }) owner?: string;
  @Prop({ type: Date }) lockedUntil?: Date;
  @Prop({ type: MongooseSchema.Types.Mixed }) result?: unknown;
  @Prop({ type: String, required: true }) chatKey!: string;
  @Prop({ type: String, required: true }) rateClass!: RateClass;
  @Prop({
    type: Object.fromEntries(CORRELATION_KEYS.map((key) => [key, String])),
    _id: false,
    default: {},
  })
  correlation!: OutboxCorrelation;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
  @Prop({ type: Date }) finishedAt?: Date;
}

export const OutboxJobSchema = SchemaFactory.createForClass(OutboxJobRecord);
// Due jobs, oldest first; stuck 'sending' jobs by lock expiry.
OutboxJobSchema.index({ status: 1, nextAttemptAt: 1 });
OutboxJobSchema.index({ status: 1, lockedUntil: 1 });
for (const key of CORRELATION_KEYS) {
  OutboxJobSchema.index({ [`correlation.${key}`]: 1 });
}
