import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ALERT_KINDS, AlertKind } from '../alert-kinds';

/**
 * One document per incident: `_id` is the incident key (e.g. `outbox_job_dead:<jobId>:<attempt>`),
 * so the same incident seen twice, by two instances or after a restart, alerts once. Never
 * updated. The messages themselves are outbox jobs keyed `alert:<incident>:<adminId>`.
 */
@Schema({ collection: 'admin_alerts', versionKey: false })
export class AdminAlert {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: ALERT_KINDS }) kind!: AlertKind;
  @Prop({ type: String, required: true }) text!: string;
  @Prop({ type: Boolean, required: true }) urgent!: boolean;
  /** False when the kind's hourly budget was spent: recorded, not sent. */
  @Prop({ type: Boolean, required: true }) sent!: boolean;
  @Prop({ type: Date, required: true }) createdAt!: Date;
}

export const AdminAlertSchema = SchemaFactory.createForClass(AdminAlert);
AdminAlertSchema.index({ kind: 1, createdAt: -1 });
AdminAlertSchema.index({ createdAt: -1 });
