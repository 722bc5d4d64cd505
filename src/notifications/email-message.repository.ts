import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { EmailMessage, EmailStatus } from './schemas/email-message.schema';

export interface EmailRecord {
  id: string;
  key: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  sellerId?: string;
  membershipId?: string;
  status: EmailStatus;
  createdAt: Date;
  sentAt?: Date;
}

export type NewEmail = Omit<EmailRecord, 'id' | 'status' | 'sentAt'>;

@Injectable()
export class EmailMessageRepository {
  constructor(@InjectModel(EmailMessage.name) private readonly model: Model<EmailMessage>) {}

  /** Stores the e-mail once per key; a repeat returns the first one. */
  async insertOnce(email: NewEmail): Promise<EmailRecord> {
    try {
      const doc = await this.model.create({ ...email, status: 'queued' });
      return toRecord(doc.toObject());
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.model.findOne({ key: email.key }).lean();
      if (!existing) {
        throw error;
      }
      return toRecord(existing);
    }
  }

  async findById(id: string): Promise<EmailRecord | undefined> {
    if (!Types.ObjectId.isValid(id)) {
      return undefined;
    }
    const doc = await this.model.findById(id).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** Written by the owner of the e-mail's outbox attempt only. */
  async markSent(id: string, params: { at: Date; providerMessageId: string }): Promise<void> {
    await this.model.updateOne(
      { _id: id },
      { $set: { status: 'sent', sentAt: params.at, providerMessageId: params.providerMessageId } },
    );
  }

  /** Privacy: the log of e-mails to these people (or about these memberships) goes. */
  async deleteFor(params: { membershipIds: string[]; emails: string[] }): Promise<number> {
    const or: Record<string, unknown>[] = [];
    if (params.membershipIds.length > 0) {
      or.push({ membershipId: { $in: params.membershipIds } });
    }
    if (params.emails.length > 0) {
      or.push({ to: { $in: params.emails } });
    }
    if (or.length === 0) {
      return 0;
    }
    const { deletedCount } = await this.model.deleteMany({ $or: or });
    return deletedCount;
  }
}

function toRecord(doc: EmailMessage & { _id: Types.ObjectId }): EmailRecord {
  return {
    id: doc._id.toString(),
    key: doc.key,
    to: doc.to,
    subject: doc.subject,
    text: doc.text,
    ...(doc.html ? { html: doc.html } : {}),
    ...(doc.sellerId ? { sellerId: doc.sellerId } : {}),
    ...(doc.membershipId ? { membershipId: doc.membershipId } : {}),
    status: doc.status,
    createdAt: doc.createdAt,
    ...(doc.sentAt ? { sentAt: doc.sentAt } : {}),
  };
}
