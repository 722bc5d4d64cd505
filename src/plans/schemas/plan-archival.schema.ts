import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A plan's archival, as its own insert-only record keyed by the plan id: archiving is a decision
 * that must not be undone by a concurrent edit of the plan document (on FerretDB an update
 * rewrites the document it read), so it lives where no update can reach it.
 */
@Schema({ collection: 'plan_archivals', versionKey: false })
export class PlanArchival {
  /** The plan id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, index: true }) sellerId!: string;
  @Prop({ type: Date, required: true }) archivedAt!: Date;
}

export const PlanArchivalSchema = SchemaFactory.createForClass(PlanArchival);
