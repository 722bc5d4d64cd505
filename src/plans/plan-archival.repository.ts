import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PlanArchival } from './schemas/plan-archival.schema';

@Injectable()
export class PlanArchivalRepository {
  constructor(@InjectModel(PlanArchival.name) private readonly model: Model<PlanArchival>) {}

  /** Idempotent: archiving an archived plan keeps the first date. */
  async archive(params: { sellerId: string; planId: string; at: Date }): Promise<void> {
    try {
      await this.model.create({
        _id: params.planId,
        sellerId: params.sellerId,
        archivedAt: params.at,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
    }
  }

  async archivedAt(sellerId: string, planId: string): Promise<Date | null> {
    const doc = await this.model.findOne({ _id: planId, sellerId }).lean();
    return doc?.archivedAt ?? null;
  }

  /** Every archival of the seller, by plan id (a seller has few plans). */
  async allOf(sellerId: string): Promise<Map<string, Date>> {
    const docs = await this.model.find({ sellerId }).lean();
    return new Map(docs.map((d) => [d._id, d.archivedAt]));
  }

  /** For the purchase flow, which knows the plan but not yet its seller. */
  async archivedAtAnywhere(planId: string): Promise<Date | null> {
    const doc = await this.model.findOne({ _id: planId }).lean();
    return doc?.archivedAt ?? null;
  }
}
