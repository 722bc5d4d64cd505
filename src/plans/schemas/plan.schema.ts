import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { PLAN_ACCESS_MODES, PLAN_BILLING, PlanAccessMode, PlanBilling } from '../plan.types';

@Schema({ _id: false, versionKey: false })
export class PlanLimitsDoc {
  @Prop({ type: Boolean, required: true, default: false }) newCustomersOnly!: boolean;
  @Prop({ type: Number, default: null }) maxMembers!: number | null;
}
const PlanLimitsSchema = SchemaFactory.createForClass(PlanLimitsDoc);

/**
 * What a seller sells: access to channels for a duration at a price (integer minor units plus
 * currency). Only its seller changes it. Archival is a separate insert-only record
 * (plan_archivals): an archived plan is kept (payments refer to it) but not on sale.
 */
@Schema({ collection: 'plans', versionKey: false })
export class Plan {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: String, default: null }) description!: string | null;
  @Prop({ type: Number, required: true }) priceMinor!: number;
  @Prop({ type: String, required: true }) currency!: string;
  /** Exactly one of the two durations is set. */
  @Prop({ type: Number, default: null }) durationDays!: number | null;
  @Prop({ type: Number, default: null }) durationMinutes!: number | null;
  @Prop({ type: [String], required: true }) channelIds!: string[];
  @Prop({ type: Number, required: true, default: 0 }) trialDays!: number;
  @Prop({ type: String, required: true, enum: PLAN_BILLING }) billing!: PlanBilling;
  @Prop({ type: String, required: true, enum: PLAN_ACCESS_MODES }) accessMode!: PlanAccessMode;
  @Prop({ type: Boolean, required: true }) active!: boolean;
  @Prop({ type: PlanLimitsSchema, required: true }) limits!: PlanLimitsDoc;
  /** Sold through a Telegram Star subscription link of its one channel. */
  @Prop({ type: Boolean, default: false }) starSubscription!: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date, required: true }) updatedAt!: Date;
}

export const PlanSchema = SchemaFactory.createForClass(Plan);
PlanSchema.index({ sellerId: 1, createdAt: 1 });
PlanSchema.index({ sellerId: 1, channelIds: 1 });
