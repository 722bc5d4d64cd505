import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { WebhookEventRecord } from './schemas/webhook-event.schema';

export interface StoredWebhookEvent {
  id: string;
  sellerId: string;
  type: string;
  sourceKey: string;
  subjects: string[];
  body: string;
  createdAt: Date;
}

@Injectable()
export class WebhookEventRepository extends SellerOwnedRepository<
  WebhookEventRecord,
  StoredWebhookEvent
> {
  constructor(@InjectModel(WebhookEventRecord.name) model: Model<WebhookEventRecord>) {
    super(model);
  }

  /** Stores the event, or returns the one stored first under the same id (the same happening). */
  async insertOrGet(event: StoredWebhookEvent): Promise<StoredWebhookEvent> {
    const { id, ...rest } = event;
    try {
      await this.model.create({ _id: id, ...rest });
      return event;
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
    const existing = await this.get(event.sellerId, id);
    if (!existing) {
      throw new Error(`Webhook event ${id} collided but cannot be read back`);
    }
    return existing;
  }

  async get(sellerId: string, id: string): Promise<StoredWebhookEvent | undefined> {
    const doc = await this.model
      .findOne(this.scope(sellerId, { _id: id }))
      .lean<WebhookEventRecord>();
    return doc ? this.toRecord(doc) : undefined;
  }

  /** Ids of the seller's events whose bodies carry any of these subjects' personal data. */
  idsAbout(sellerId: string, subjects: string[]): Promise<string[]> {
    return this.idsWhereIn(sellerId, 'subjects', subjects);
  }

  /** Retention: not seller-scoped, the operator's daily prune only. */
  async pruneBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }

  protected toRecord(doc: WebhookEventRecord): StoredWebhookEvent {
    return {
      id: doc._id,
      sellerId: doc.sellerId,
      type: doc.type,
      sourceKey: doc.sourceKey,
      subjects: [...(doc.subjects ?? [])],
      body: doc.body,
      createdAt: doc.createdAt,
    };
  }
}
