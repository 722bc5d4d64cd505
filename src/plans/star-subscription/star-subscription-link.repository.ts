import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { StarSubscriptionLink } from '../schemas/star-subscription-link.schema';

/** A plan's subscription link record as the domain sees it. */
export interface StarSubscriptionLinkRecord {
  planId: string;
  sellerId: string;
  channelId: string;
  chatId: number;
  chatTitle?: string;
  priceStars: number;
  periodSeconds: number;
  name: string;
  inviteLink?: string;
  linkCreatedAt?: Date;
  createdAt: Date;
}

export type NewStarSubscriptionLink = Omit<
  StarSubscriptionLinkRecord,
  'inviteLink' | 'linkCreatedAt'
>;

/**
 * The only code touching `star_subscription_links`. Seller API reads take the seller id; the
 * outbox job and Telegram updates start from a plan or a link, not a seller, and use the
 * `…Anywhere` lookups (by `_id`, or by the link itself).
 */
@Injectable()
export class StarSubscriptionLinkRepository {
  constructor(
    @InjectModel(StarSubscriptionLink.name) private readonly model: Model<StarSubscriptionLink>,
  ) {}

  /** The plan's record, inserted once; an existing one is returned as it is. */
  async insertOnce(
    input: NewStarSubscriptionLink,
  ): Promise<{ record: StarSubscriptionLinkRecord; created: boolean }> {
    const { planId, ...rest } = input;
    try {
      await this.model.create({ _id: planId, ...rest });
      return { record: input, created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.findByPlanAnywhere(planId);
      if (!existing) {
        throw error;
      }
      return { record: existing, created: false };
    }
  }

  /** The seller's records of these plans, by plan id. */
  async findForSeller(
    sellerId: string,
    planIds: string[],
  ): Promise<Map<string, StarSubscriptionLinkRecord>> {
    if (planIds.length === 0) {
      return new Map();
    }
    const docs = await this.model.find({ _id: { $in: planIds }, sellerId }).lean();
    return new Map(docs.map((doc) => [doc._id, toRecord(doc)]));
  }

  async findByPlanAnywhere(planId: string): Promise<StarSubscriptionLinkRecord | undefined> {
    const doc = await this.model.findById(planId).lean();
    return doc ? toRecord(doc) : undefined;
  }

  async findByInviteLinkAnywhere(
    chatId: number,
    inviteLink: string,
  ): Promise<StarSubscriptionLinkRecord | undefined> {
    const doc = await this.model.findOne({ inviteLink, chatId }).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** Only the outbox job that created the link writes this (see the schema). */
  async markCreated(planId: string, params: { inviteLink: string; at: Date }): Promise<void> {
    await this.model.updateOne(
      { _id: planId },
      { $set: { inviteLink: params.inviteLink, linkCreatedAt: params.at } },
    );
  }
}

function toRecord(doc: StarSubscriptionLink): StarSubscriptionLinkRecord {
  const { _id, ...rest } = doc;
  return { ...rest, planId: _id };
}
