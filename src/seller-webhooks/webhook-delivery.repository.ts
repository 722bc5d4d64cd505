import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { DeliveryTrigger, WebhookDeliveryRecord } from './schemas/webhook-delivery.schema';

export interface WebhookDelivery {
  id: string;
  sellerId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  trigger: DeliveryTrigger;
  resendOf: string | null;
  jobKey: string;
  createdAt: Date;
}

/** Where a page of the log starts: after this delivery (newest first). */
export interface DeliveryCursor {
  createdAt: Date;
  id: string;
}

@Injectable()
export class WebhookDeliveryRepository extends SellerOwnedRepository<
  WebhookDeliveryRecord,
  WebhookDelivery
> {
  constructor(@InjectModel(WebhookDeliveryRecord.name) model: Model<WebhookDeliveryRecord>) {
    super(model);
  }

  /** Inserts the delivery; an existing one with the same id (the same decision) is kept. */
  async insertIfAbsent(delivery: WebhookDelivery): Promise<void> {
    const { id, ...rest } = delivery;
    try {
      await this.model.create({ _id: id, ...rest });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  async get(params: {
    sellerId: string;
    endpointId: string;
    id: string;
  }): Promise<WebhookDelivery | undefined> {
    const doc = await this.model
      .findOne(this.scope(params.sellerId, { _id: params.id, endpointId: params.endpointId }))
      .lean<WebhookDeliveryRecord>();
    return doc ? this.toRecord(doc) : undefined;
  }

  /** An endpoint's deliveries, newest first, `limit` after the cursor. */
  async page(params: {
    sellerId: string;
    endpointId: string;
    limit: number;
    after?: DeliveryCursor;
    eventType?: string;
  }): Promise<WebhookDelivery[]> {
    const filter: FilterQuery<WebhookDeliveryRecord> = { endpointId: params.endpointId };
    if (params.eventType !== undefined) {
      filter.eventType = params.eventType;
    }
    if (params.after) {
      filter.$or = [
        { createdAt: { $lt: params.after.createdAt } },
        { createdAt: params.after.createdAt, _id: { $lt: params.after.id } },
      ];
    }
    const docs = await this.model
      .find(this.scope(params.sellerId, filter))
      .sort({ createdAt: -1, _id: -1 })
      .limit(params.limit)
      .lean<WebhookDeliveryRecord[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  idsForEvents(sellerId: string, eventIds: string[]): Promise<string[]> {
    return this.idsWhereIn(sellerId, 'eventId', eventIds);
  }

  /** Retention: not seller-scoped, the operator's daily prune only. */
  async pruneBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }

  protected toRecord(doc: WebhookDeliveryRecord): WebhookDelivery {
    return {
      id: doc._id,
      sellerId: doc.sellerId,
      endpointId: doc.endpointId,
      eventId: doc.eventId,
      eventType: doc.eventType,
      trigger: doc.trigger,
      resendOf: doc.resendOf ?? null,
      jobKey: doc.jobKey,
      createdAt: doc.createdAt,
    };
  }
}
