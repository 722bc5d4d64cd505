import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { toObjectId } from '../sellers/tenancy/object-id';
import { PlanAccessMode, PlanBilling, PlanLimits } from './plan.types';
import { Plan } from './schemas/plan.schema';

/** A plan document as stored (its archival is a separate record). */
export interface StoredPlan {
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
  /** Sold through the channel's Telegram Star subscription link (see StarSubscriptionLinksService). */
  starSubscription: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export type PlanFields = Omit<StoredPlan, 'id' | 'sellerId' | 'createdAt'>;

@Injectable()
export class PlanRepository extends SellerOwnedRepository<Plan, StoredPlan> {
  constructor(@InjectModel(Plan.name) model: Model<Plan>) {
    super(model);
  }

  async create(plan: Omit<StoredPlan, 'id'>): Promise<StoredPlan> {
    const created = await this.model.create(plan);
    return this.toRecord(created.toObject());
  }

  listAll(sellerId: string): Promise<StoredPlan[]> {
    return this.findMany(sellerId, {}, { createdAt: 1 });
  }

  /** Writes the whole editable state; only the plan's seller calls it. */
  update(sellerId: string, id: string, fields: PlanFields): Promise<boolean> {
    return this.updateOneById(sellerId, id, { $set: fields });
  }

  /**
   * A plan by id alone, for the purchase flow (a buyer arrives with a plan id, not a seller id).
   * Deliberately not seller-scoped; the answer names the seller.
   */
  async findAnywhere(id: string): Promise<StoredPlan | undefined> {
    const _id = toObjectId(id);
    const doc = _id ? await this.model.findOne({ _id }).lean() : null;
    return doc ? this.toRecord(doc) : undefined;
  }

  protected toRecord(doc: Plan & { _id: unknown }): StoredPlan {
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
      starSubscription: doc.starSubscription ?? false,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    };
  }
}
