import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { WebhookEndpoint } from './schemas/webhook-endpoint.schema';

export type WebhookEndpointRecord = WebhookEndpoint & { id: string };
type Secrets = Pick<WebhookEndpoint, 'secretEnc' | 'previousSecretEnc'>;

@Injectable()
export class WebhookEndpointRepository extends SellerOwnedRepository<
  WebhookEndpoint,
  WebhookEndpointRecord
> {
  constructor(@InjectModel(WebhookEndpoint.name) model: Model<WebhookEndpoint>) {
    super(model);
  }

  /** An id before the insert: the secret's ciphertext is bound to it. */
  allocateId(): string {
    return new Types.ObjectId().toHexString();
  }

  async create(
    id: string,
    endpoint: Omit<WebhookEndpoint, 'deletedAt'>,
  ): Promise<WebhookEndpointRecord> {
    const created = await this.model.create({
      ...endpoint,
      _id: new Types.ObjectId(id),
      deletedAt: null,
    });
    return this.toRecord(created.toObject());
  }

  findLive(sellerId: string, id: string): Promise<WebhookEndpointRecord | undefined> {
    return this.findOneById(sellerId, id, { deletedAt: null });
  }

  listLive(sellerId: string): Promise<WebhookEndpointRecord[]> {
    return this.findMany(sellerId, { deletedAt: null }, { createdAt: 1 });
  }

  countLive(sellerId: string): Promise<number> {
    return this.model.countDocuments(this.scope(sellerId, { deletedAt: null }));
  }

  listEnabled(sellerId: string): Promise<WebhookEndpointRecord[]> {
    return this.findMany(sellerId, { deletedAt: null, enabled: true }, { createdAt: 1 });
  }

  update(
    sellerId: string,
    id: string,
    changes: Partial<Omit<WebhookEndpoint, 'sellerId' | 'createdAt' | 'deletedAt'>>,
  ): Promise<boolean> {
    return this.updateOneById(sellerId, id, { $set: changes }, { deletedAt: null });
  }

  /**
   * Switched off by the delivery worker, unless the seller switched it off or on again since the
   * streak was read (a best-effort guard; the disablement record is the decision).
   */
  disableAfterFailures(params: {
    sellerId: string;
    id: string;
    /** As the streak saw it; a stored null (never switched since creation) matches too. */
    enabledAt: Date;
    at: Date;
  }): Promise<boolean> {
    return this.updateOneById(
      params.sellerId,
      params.id,
      {
        $set: {
          enabled: false,
          disabledAt: params.at,
          disabledReason: 'consecutive_failures',
          updatedAt: params.at,
        },
      },
      {
        deletedAt: null,
        enabled: true,
        $or: [{ enabledAt: params.enabledAt }, { enabledAt: null }],
      },
    );
  }

  softDelete(sellerId: string, id: string, at: Date): Promise<boolean> {
    return this.updateOneById(
      sellerId,
      id,
      { $set: { deletedAt: at, enabled: false } },
      { deletedAt: null },
    );
  }

  /** Every endpoint's ciphertexts, for the operator's key-rotation run only. */
  async allSecrets(): Promise<(Secrets & { id: string; sellerId: string })[]> {
    const docs = await this.model
      .find({})
      .select({ sellerId: 1, secretEnc: 1, previousSecretEnc: 1 })
      .lean();
    return docs.map((d) => ({
      id: String(d._id),
      sellerId: d.sellerId,
      secretEnc: d.secretEnc,
      previousSecretEnc: d.previousSecretEnc ?? null,
    }));
  }

  /** Swaps ciphertexts only if they are still the ones read (a rotation meanwhile wins). */
  async replaceSecrets(params: {
    sellerId: string;
    id: string;
    expected: Secrets;
    next: Secrets;
  }): Promise<boolean> {
    return this.updateOneById(
      params.sellerId,
      params.id,
      { $set: params.next },
      { ...params.expected },
    );
  }

  protected toRecord(doc: WebhookEndpoint & { _id: unknown }): WebhookEndpointRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      url: doc.url,
      events: [...doc.events],
      description: doc.description ?? null,
      enabled: doc.enabled,
      enabledAt: doc.enabledAt ?? null,
      disabledAt: doc.disabledAt ?? null,
      disabledReason: doc.disabledReason ?? null,
      secretEnc: doc.secretEnc,
      secretLast4: doc.secretLast4,
      previousSecretEnc: doc.previousSecretEnc ?? null,
      previousSecretExpiresAt: doc.previousSecretExpiresAt ?? null,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      deletedAt: doc.deletedAt ?? null,
    };
  }
}
