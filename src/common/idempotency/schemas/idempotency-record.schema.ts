import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const IDEMPOTENCY_STATES = ['running', 'completed'] as const;
export type IdempotencyState = (typeof IDEMPOTENCY_STATES)[number];

/**
 * One document per (seller, Idempotency-Key). Inserting it is the decision of who runs the
 * request (the unique index lets exactly one concurrent request win, on both engines); only that
 * request (identified by `runId`) later records the answer or deletes the claim.
 */
@Schema({ collection: 'idempotency_records', versionKey: false })
export class IdempotencyRecord {
  @Prop({ type: String, required: true }) sellerId!: string;
  @Prop({ type: String, required: true }) key!: string;
  /** HMAC of method, URL and canonical body: the same key with another request is refused. */
  @Prop({ type: String, required: true }) fingerprint!: string;
  @Prop({ type: String, required: true }) runId!: string;
  @Prop({ type: String, required: true, enum: IDEMPOTENCY_STATES }) state!: IdempotencyState;
  @Prop({ type: Number }) statusCode?: number;
  /**
   * The answer as SecretBox-encrypted JSON text: answers can carry secrets shown once (a new API
   * key, a webhook signing secret), which must not sit in the database in clear.
   */
  @Prop({ type: String }) responseEnc?: string;
  /**
   * Whom the answer concerns when it carries a member's data (`tg:<keyed hash>`, `grant:<id>`,
   * `payment:<id>`; see IdempotencySubject): the member's erasure finds the answer by it.
   */
  @Prop({ type: String }) subject?: string;
  /** The answer was erased with the member's data; a repeat is answered 410. */
  @Prop({ type: Date }) answerErasedAt?: Date;
  @Prop({ type: Date, required: true, index: true }) createdAt!: Date;
  @Prop({ type: Date }) completedAt?: Date;
}

export const IdempotencyRecordSchema = SchemaFactory.createForClass(IdempotencyRecord);
IdempotencyRecordSchema.index({ sellerId: 1, key: 1 }, { unique: true });
IdempotencyRecordSchema.index({ sellerId: 1, subject: 1 });
