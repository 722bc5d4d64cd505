import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { DELIVERY_STATUSES, DeliveryStatus } from '../delivery-status';

/**
 * The recovery's worklist and a cache of each paid payment's delivery state, `_id` the payment
 * id (inserted once, when the payment succeeds or the sweep finds it). The state fields are a
 * copy recomputed from the outbox jobs (DeliveryState) by whoever looks, so concurrent writers
 * all write values derived from the same truth; no decision rests on them: attempts live in
 * `recovery_attempts`, delivery in the outbox. No personal data here (search goes through
 * payments), so erasure has nothing to reach.
 */
@Schema({ collection: 'delivery_watches', versionKey: false })
export class DeliveryWatch {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) grantId!: string;
  @Prop({ type: Date, required: true }) paidAt!: Date;
  @Prop({ type: String, required: true, enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @Prop({ type: Boolean, required: true }) linkDelivered!: boolean;
  @Prop({ type: Number, required: true }) deliveryAttempts!: number;
  @Prop({ type: Date, default: null }) lastDeliveryAttempt!: Date | null;
  @Prop({ type: String, default: null }) failureReason!: string | null;
  @Prop({ type: Number, required: true }) recoveryAttempts!: number;
  @Prop({ type: Boolean, required: true }) recoveryCompleted!: boolean;
  /** Scheduled recovery gave up after its attempts; admins were alerted. */
  @Prop({ type: Boolean, required: true }) exhausted!: boolean;
  /** When the recovery pass looks at it next; null once there is nothing left to watch. */
  @Prop({ type: Date, default: null }) nextCheckAt!: Date | null;
  @Prop({ type: Date, required: true }) computedAt!: Date;
}

export const DeliveryWatchSchema = SchemaFactory.createForClass(DeliveryWatch);
DeliveryWatchSchema.index({ nextCheckAt: 1 });
DeliveryWatchSchema.index({ status: 1, paidAt: -1 });
DeliveryWatchSchema.index({ sellerId: 1, paidAt: -1 });
DeliveryWatchSchema.index({ paidAt: -1 });
