import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const EMAIL_STATUSES = ['queued', 'sent', 'skipped'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/**
 * An e-mail to send, and the log of it once sent. The outbox job carries only this document's
 * id, so the address and the text live here alone and one erasure removes them. `key` names the
 * business event (unique): queueing the same e-mail twice stores it once.
 */
@Schema({ collection: 'email_messages', versionKey: false })
export class EmailMessage {
  @Prop({ type: String, required: true, unique: true }) key!: string;
  @Prop({ type: String, required: true }) to!: string;
  @Prop({ type: String, required: true }) subject!: string;
  @Prop({ type: String, required: true }) text!: string;
  @Prop({ type: String }) html?: string;
  @Prop({ type: String }) sellerId?: string;
  @Prop({ type: String }) membershipId?: string;
  @Prop({ type: String, required: true, enum: EMAIL_STATUSES }) status!: EmailStatus;
  @Prop({ type: String }) providerMessageId?: string;
  @Prop({ type: Date, required: true }) createdAt!: Date;
  @Prop({ type: Date }) sentAt?: Date;
}

export const EmailMessageSchema = SchemaFactory.createForClass(EmailMessage);
EmailMessageSchema.index({ membershipId: 1 });
EmailMessageSchema.index({ to: 1 });
