import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * How many alerts of a kind were sent in an hour: `_id` is `<kind>:<hour start ISO>`, `used` is
 * raised by one atomic `$inc` per alert, so concurrent alerts never overspend the budget (a count
 * of sent alerts followed by an insert did: two alerts could both see 9 of 10).
 */
@Schema({ collection: 'admin_alert_budgets', versionKey: false })
export class AdminAlertBudget {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Number, required: true }) used!: number;
  @Prop({ type: Date, required: true }) hourStart!: Date;
}

export const AdminAlertBudgetSchema = SchemaFactory.createForClass(AdminAlertBudget);
// The daily purge of past hours.
AdminAlertBudgetSchema.index({ hourStart: 1 });
