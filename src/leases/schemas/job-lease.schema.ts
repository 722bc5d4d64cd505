import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { HydratedDocument } from 'mongoose';

/**
 * One document per lease generation (`<name>:<generation>`). Taking a lease is inserting the next
 * generation: the unique _id lets exactly one instance win, on MongoDB and on FerretDB alike
 * (FerretDB's conditional updates are not atomic under concurrency, its unique inserts are).
 * Only the winner ever updates its own document (renewal, release), so no update races.
 */
@Schema({ collection: 'job_leases', versionKey: false })
export class JobLease {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true }) name!: string;
  @Prop({ type: Number, required: true }) generation!: number;
  @Prop({ type: String, required: true }) owner!: string;
  @Prop({ type: Date, required: true }) acquiredAt!: Date;
  @Prop({ type: Date, required: true }) expiresAt!: Date;
  @Prop({ type: Date }) releasedAt?: Date;
  @Prop({ type: String }) outcome?: string;
}

export type JobLeaseDocument = HydratedDocument<JobLease>;
export const JobLeaseSchema = SchemaFactory.createForClass(JobLease);
JobLeaseSchema.index({ name: 1, generation: -1 });
