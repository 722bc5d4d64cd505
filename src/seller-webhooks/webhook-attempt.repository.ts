import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { WebhookAttemptRecord } from './schemas/webhook-attempt.schema';

export interface WebhookAttempt {
  sellerId: string;
  endpointId: string;
  deliveryId: string;
  attempt: number;
  at: Date;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  responseBody: string | null;
}

@Injectable()
export class WebhookAttemptRepository extends SellerOwnedRepository<
  WebhookAttemptRecord,
  WebhookAttempt
> {
  constructor(@InjectModel(WebhookAttemptRecord.name) model: Model<WebhookAttemptRecord>) {
    super(model);
  }

  /** Appends the attempt; recording the same attempt number twice keeps the first. */
  async record(attempt: WebhookAttempt): Promise<void> {
    try {
      await this.model.create({ _id: `${attempt.deliveryId}:${attempt.attempt}`, ...attempt });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  /** The endpoint's latest attempts since `since`, newest first. */
  async latestForEndpoint(params: {
    sellerId: string;
    endpointId: string;
    since: Date;
    limit: number;
  }): Promise<WebhookAttempt[]> {
    const docs = await this.model
      .find(
        this.scope(params.sellerId, { endpointId: params.endpointId, at: { $gte: params.since } }),
      )
      .sort({ at: -1, _id: -1 })
      .limit(params.limit)
      .lean<WebhookAttemptRecord[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Every attempt of these deliveries, oldest first. */
  async forDeliveries(sellerId: string, deliveryIds: string[]): Promise<WebhookAttempt[]> {
    if (deliveryIds.length === 0) {
      return [];
    }
    const docs = await this.model
      .find(this.scope(sellerId, { deliveryId: { $in: deliveryIds } }))
      .sort({ at: 1, attempt: 1 })
      .lean<WebhookAttemptRecord[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  deleteForDeliveries(sellerId: string, deliveryIds: string[]): Promise<number> {
    return this.deleteWhereIn(sellerId, 'deliveryId', deliveryIds);
  }

  /**
   * Endpoints with a failed attempt in [from, to], across sellers: the candidates of the admin
   * alert about endpoints failing for a long time. Not seller-scoped (platform admin only).
   */
  async endpointsFailingBetween(params: {
    from: Date;
    to: Date;
  }): Promise<Array<{ sellerId: string; endpointId: string }>> {
    const rows = await this.model.aggregate<{ _id: { sellerId: string; endpointId: string } }>([
      { $match: { ok: false, at: { $gte: params.from, $lte: params.to } } },
      { $group: { _id: { sellerId: '$sellerId', endpointId: '$endpointId' }, n: { $sum: 1 } } },
    ]);
    return rows.map((row) => row._id);
  }

  /** Retention: not seller-scoped, the operator's daily prune only. */
  async pruneBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ at: { $lt: before } });
    return deletedCount;
  }

  protected toRecord(doc: WebhookAttemptRecord): WebhookAttempt {
    return {
      sellerId: doc.sellerId,
      endpointId: doc.endpointId,
      deliveryId: doc.deliveryId,
      attempt: doc.attempt,
      at: doc.at,
      ok: doc.ok,
      statusCode: doc.statusCode ?? null,
      error: doc.error ?? null,
      durationMs: doc.durationMs,
      responseBody: doc.responseBody ?? null,
    };
  }
}
