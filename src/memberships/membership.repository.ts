import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { MembershipStatus } from './membership-status';
import { CustomerContact, GrantedChannel, MembershipView } from './membership.types';
import { Membership } from './schemas/membership.schema';

export interface NewMembership {
  sellerId: string;
  planId: string;
  telegramUserId: number;
  channels: GrantedChannel[];
  accessMode: MembershipView['accessMode'];
  billing: MembershipView['billing'];
  customer: CustomerContact;
  stripeSubscriptionId?: string;
  test: boolean;
}

export type MembershipPatch = Partial<
  Pick<
    MembershipView,
    | 'status'
    | 'expiresAt'
    | 'graceEndsAt'
    | 'channels'
    | 'customer'
    | 'stripeSubscriptionId'
    | 'personalDataErasedAt'
  >
>;

export interface MembershipPage {
  items: MembershipView[];
  total: number;
}

export function membershipKey(planId: string, telegramUserId: number): string {
  return `${planId}:${telegramUserId}`;
}

@Injectable()
export class MembershipRepository {
  constructor(@InjectModel(Membership.name) private readonly model: Model<Membership>) {}

  /** One membership per (plan, Telegram user): the unique key settles concurrent first grants. */
  async findOrCreate(input: NewMembership): Promise<MembershipView> {
    const key = membershipKey(input.planId, input.telegramUserId);
    try {
      const doc = await this.model.create({ ...input, key, status: 'pending' });
      return toView(doc.toObject());
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.model.findOne({ key }).lean();
      if (!existing) {
        throw error;
      }
      return toView(existing);
    }
  }

  async findById(id: string): Promise<MembershipView | undefined> {
    if (!Types.ObjectId.isValid(id)) {
      return undefined;
    }
    const doc = await this.model.findById(id).lean();
    return doc ? toView(doc) : undefined;
  }

  async findForSeller(sellerId: string, id: string): Promise<MembershipView | undefined> {
    if (!Types.ObjectId.isValid(id)) {
      return undefined;
    }
    const doc = await this.model.findOne({ _id: id, sellerId }).lean();
    return doc ? toView(doc) : undefined;
  }

  async findByKey(planId: string, telegramUserId: number): Promise<MembershipView | undefined> {
    const doc = await this.model.findOne({ key: membershipKey(planId, telegramUserId) }).lean();
    return doc ? toView(doc) : undefined;
  }

  async update(id: string, patch: MembershipPatch): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: patch });
  }

  async unsetGrace(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $unset: { graceEndsAt: 1 } });
  }

  async listForSeller(params: {
    sellerId: string;
    status?: MembershipStatus;
    chatId?: number;
    skip: number;
    limit: number;
  }): Promise<MembershipPage> {
    const filter: FilterQuery<Membership> = { sellerId: params.sellerId };
    if (params.status) {
      filter.status = params.status;
    }
    if (params.chatId !== undefined) {
      filter['channels.chatId'] = params.chatId;
    }
    const [docs, total] = await Promise.all([
      this.model.find(filter).sort({ createdAt: -1 }).skip(params.skip).limit(params.limit).lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: docs.map(toView), total };
  }

  async findByTelegramUser(
    telegramUserId: number,
    statuses: readonly MembershipStatus[],
  ): Promise<MembershipView[]> {
    const docs = await this.model.find({ telegramUserId, status: { $in: statuses } }).lean();
    return docs.map(toView);
  }

  async findByChatAndUser(
    chatId: number,
    telegramUserId: number,
    statuses: readonly MembershipStatus[],
  ): Promise<MembershipView[]> {
    const docs = await this.model
      .find({ telegramUserId, 'channels.chatId': chatId, status: { $in: statuses } })
      .lean();
    return docs.map(toView);
  }

  async findBySubscription(stripeSubscriptionId: string): Promise<MembershipView | undefined> {
    const doc = await this.model.findOne({ stripeSubscriptionId }).lean();
    return doc ? toView(doc) : undefined;
  }

  /** Active memberships whose paid time has run out. */
  async findExpiredActive(now: Date, limit: number): Promise<MembershipView[]> {
    const docs = await this.model
      .find({ status: 'active', expiresAt: { $lte: now } })
      .sort({ expiresAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(toView);
  }

  async findGraceEnded(now: Date, limit: number): Promise<MembershipView[]> {
    const docs = await this.model
      .find({ status: 'grace', graceEndsAt: { $lte: now } })
      .sort({ graceEndsAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(toView);
  }

  /** Active memberships ending inside the window, for reminders. */
  async findEndingBetween(params: {
    from: Date;
    to: Date;
    limit: number;
    afterId?: string;
  }): Promise<MembershipView[]> {
    const filter: FilterQuery<Membership> = {
      status: 'active',
      expiresAt: { $gt: params.from, $lte: params.to },
    };
    if (params.afterId) {
      filter._id = { $gt: new Types.ObjectId(params.afterId) };
    }
    const docs = await this.model.find(filter).sort({ _id: 1 }).limit(params.limit).lean();
    return docs.map(toView);
  }

  /** Ended memberships whose personal data is past the retention window. */
  async findErasable(params: { endedBefore: Date; limit: number }): Promise<MembershipView[]> {
    const docs = await this.model
      .find({
        status: { $in: ['expired', 'cancelled', 'removed'] },
        updatedAt: { $lte: params.endedBefore },
        personalDataErasedAt: { $exists: false },
      })
      .limit(params.limit)
      .lean();
    return docs.map(toView);
  }
}

function toView(doc: Membership & { _id: Types.ObjectId }): MembershipView {
  return {
    id: doc._id.toString(),
    sellerId: doc.sellerId,
    planId: doc.planId,
    telegramUserId: doc.telegramUserId,
    status: doc.status as MembershipStatus,
    expiresAt: doc.expiresAt,
    graceEndsAt: doc.graceEndsAt,
    channels: doc.channels.map(({ channelId, chatId, title }) => ({ channelId, chatId, title })),
    accessMode: doc.accessMode as MembershipView['accessMode'],
    billing: doc.billing as MembershipView['billing'],
    customer: doc.customer ?? {},
    stripeSubscriptionId: doc.stripeSubscriptionId,
    test: doc.test,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    personalDataErasedAt: doc.personalDataErasedAt,
  };
}
