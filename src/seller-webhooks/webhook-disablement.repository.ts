import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { WebhookDisablementRecord } from './schemas/webhook-disablement.schema';

export interface WebhookDisablement {
  sellerId: string;
  endpointId: string;
  enabledAt: Date;
  failures: number;
  lastError: string | null;
  createdAt: Date;
}

@Injectable()
export class WebhookDisablementRepository extends SellerOwnedRepository<
  WebhookDisablementRecord,
  WebhookDisablement
> {
  constructor(@InjectModel(WebhookDisablementRecord.name) model: Model<WebhookDisablementRecord>) {
    super(model);
  }

  /** True for the one caller whose insert decides: this endpoint, this enablement, disabled. */
  async claim(disablement: WebhookDisablement): Promise<boolean> {
    try {
      await this.model.create({ _id: disablementId(disablement), ...disablement });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  async exists(endpoint: { sellerId: string; id: string; enabledAt: Date }): Promise<boolean> {
    const id = disablementId({ endpointId: endpoint.id, enabledAt: endpoint.enabledAt });
    return (await this.model.exists(this.scope(endpoint.sellerId, { _id: id }))) !== null;
  }

  /** Retention: not seller-scoped, the operator's daily prune only. */
  async pruneBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({ createdAt: { $lt: before } });
    return deletedCount;
  }

  protected toRecord(doc: WebhookDisablementRecord): WebhookDisablement {
    return {
      sellerId: doc.sellerId,
      endpointId: doc.endpointId,
      enabledAt: doc.enabledAt,
      failures: doc.failures,
      lastError: doc.lastError ?? null,
      createdAt: doc.createdAt,
    };
  }
}

function disablementId(d: Pick<WebhookDisablement, 'endpointId' | 'enabledAt'>): string {
  return `${d.endpointId}:${d.enabledAt.getTime()}`;
}
