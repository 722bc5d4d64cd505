import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { toObjectId } from '../sellers/tenancy/object-id';
import { PlanAccessMode, PlanBilling, PlanLimits } from './plan.types';
import { Plan } from './schemas/plan.schema';

export interface PlanRecord {
  id: string;
  sellerId: string;
  name: string;
  description: string | null;
  priceMinor: number;
  currency: string;
  durationDays: number | null;
  durationMinutes: number | null;
  channelIds: string[];
  trialDays: number;
  billing: PlanBilling;
  accessMode: PlanAccessMode;
  active: boolean;
  limits: PlanLimits;
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type PlanFields = Omit<PlanRecord, 'id' | 'sellerId' | 'createdAt' | 'archivedAt'>;

@Injectable()
export class PlanRepository extends SellerOwnedRepository<Plan, PlanRecord> {
  constructor(@InjectModel(Plan.name) model: Model<Plan>) {
    super(model);
  }

  async create(plan: Omit<PlanRecord, 'id' | 'archivedAt'>): Promise<PlanRecord> {
    const created = await this.model.create({ ...plan, archivedAt: null });
    return this.toRecord(created.toObject());
  }

  list(sellerId: string, options: { includeArchived: boolean }): Promise<PlanRecord[]> {
    const filter: FilterQuery<Plan> = options.includeArchived ? {} : { archivedAt: null };
    return this.findMany(sellerId, filter, { createdAt: 1 });
  }

  /** Writes the whole editable state; only the plan's seller calls it. */
  async update(sellerId: string, id: string, fields: PlanFields): Promise<boolean> {
    return this.updateOneById(sellerId, id, { $set: fields }, { archivedAt: null });
  }

  archive(sellerId: string, id: string, at: Date): Promise<boolean> {
    return this.updateOneById(
      sellerId,
      id,
      { $set: { archivedAt: at, active: false, updatedAt: at } },
      { archivedAt: null },
    );
  }

  /**
   * A plan by id alone, for the purchase flow (a buyer arrives with a plan id, not a seller id).
   * Deliberately not seller-scoped; the answer names the seller.
   */
  async findAnywhere(id: string): Promise<PlanRecord | undefined> {
    const _id = toObjectId(id);
    const doc = _id ? await this.model.findOne({ _id }).lean() : null;
    return doc ? this.toRecord(doc) : undefined;
  }

  protected toRecord(doc: Plan & { _id: unknown }): PlanRecord {
    return {
      id: String(doc._id),
      sellerId: doc.sellerId,
      name: doc.name,
      description: doc.description ?? null,
      priceMinor: doc.priceMinor,
      currency: doc.currency,
      durationDays: doc.durationDays ?? null,
      durationMinutes: doc.durationMinutes ?? null,
      channelIds: [...doc.channelIds],
      trialDays: doc.trialDays,
      billing: doc.billing,
      accessMode: doc.accessMode,
      active: doc.active,
      limits: {
        newCustomersOnly: doc.limits?.newCustomersOnly ?? false,
        maxMembers: doc.limits?.maxMembers ?? null,
      },
      archivedAt: doc.archivedAt ?? null,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }
}
