import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { MembershipKeyRepository } from './membership-key.repository';
import { ACCESS_STATUSES, MembershipStatus } from './membership-status';
import {
  CustomerContact,
  ERASED_TELEGRAM_USER_ID,
  GrantedChannel,
  MembershipView,
} from './membership.types';
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
  externalUserId?: string;
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
    | 'endedAt'
    | 'renewalStoppedAt'
    | 'erasureRequestedAt'
    | 'ledgerSeq'
  >
>;

export interface MembershipListFilter {
  sellerId: string;
  status?: MembershipStatus;
  channelId?: string;
  chatId?: number;
  telegramUserId?: number;
}

export interface MembershipPage {
  items: MembershipView[];
  total: number;
}

export function membershipKey(planId: string, telegramUserId: number): string {
  return `${planId}:${telegramUserId}`;
}

function isKeyOf(
  membership: Pick<MembershipView, 'planId' | 'telegramUserId'>,
  wanted: { planId: string; telegramUserId: number },
): boolean {
  return membership.planId === wanted.planId && membership.telegramUserId === wanted.telegramUserId;
}

/**
 * Finding a membership by its key goes through `membership_keys` (lookups by `_id`), which
 * MembershipKeyRepository owns; the two are written together only here.
 */
@Injectable()
export class MembershipRepository {
  constructor(
    @InjectModel(Membership.name) private readonly model: Model<Membership>,
    private readonly keys: MembershipKeyRepository,
  ) {}

  /**
   * One membership per (plan, Telegram user). The key is claimed first, naming the membership's
   * id: concurrent first grants agree on one id, and a crash between the two inserts leaves a
   * key whose membership the next call writes.
   */
  async findOrCreate(input: NewMembership): Promise<MembershipView> {
    const key = membershipKey(input.planId, input.telegramUserId);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const claim = await this.keys.claim(key, new Types.ObjectId().toHexString());
      const existing = claim.won ? undefined : await this.findById(claim.membershipId);
      if (existing && !isKeyOf(existing, input)) {
        // An erasure stopped between the membership and its key: the key names someone erased.
        await this.keys.delete(key);
        continue;
      }
      return existing ?? (await this.create(claim.membershipId, key, input));
    }
    throw new Error(`membership key ${key} keeps naming another membership`);
  }

  private async create(id: string, key: string, input: NewMembership): Promise<MembershipView> {
    try {
      const doc = await this.model.create({ _id: id, ...input, key, status: 'pending' });
      return toView(doc.toObject());
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      // Another caller that read the same key wrote the membership first.
      const raced = await this.findById(id);
      if (raced) {
        return raced;
      }
      throw error;
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
    const id = await this.keys.find(membershipKey(planId, telegramUserId));
    const membership = id === undefined ? undefined : await this.findById(id);
    return membership && isKeyOf(membership, { planId, telegramUserId }) ? membership : undefined;
  }

  async update(id: string, patch: MembershipPatch): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: patch });
  }

  /** The same change to several memberships (the expiry sweep, which owns them under its lease). */
  async updateMany(ids: string[], patch: MembershipPatch): Promise<void> {
    if (ids.length > 0) {
      await this.model.updateMany({ _id: { $in: ids } }, { $set: patch });
    }
  }

  async unsetGrace(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $unset: { graceEndsAt: 1 } });
  }

  async listForSeller(
    params: MembershipListFilter & { skip: number; limit: number },
  ): Promise<MembershipPage> {
    const filter = listFilter(params);
    const [docs, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(params.skip)
        .limit(params.limit)
        .lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: docs.map(toView), total };
  }

  /** A seller's memberships in pages by id, for exports that must not hold everything at once. */
  async *iterateForSeller(
    params: MembershipListFilter & { batchSize: number },
  ): AsyncGenerator<MembershipView[]> {
    let afterId: Types.ObjectId | undefined;
    for (;;) {
      const filter = listFilter(params);
      if (afterId) {
        filter._id = { $gt: afterId };
      }
      const docs = await this.model.find(filter).sort({ _id: 1 }).limit(params.batchSize).lean();
      if (docs.length === 0) {
        return;
      }
      afterId = docs[docs.length - 1]._id;
      yield docs.map(toView);
    }
  }

  countForSeller(sellerId: string, statuses?: readonly MembershipStatus[]): Promise<number> {
    const filter: FilterQuery<Membership> = { sellerId, test: { $ne: true } };
    if (statuses) {
      filter.status = { $in: statuses };
    }
    return this.model.countDocuments(filter);
  }

  /** Members of one plan holding access now (a plan's maxMembers limit), test ones left out. */
  countWithAccess(params: { sellerId: string; planId: string }): Promise<number> {
    return this.model.countDocuments({
      sellerId: params.sellerId,
      planId: params.planId,
      status: { $in: ACCESS_STATUSES },
      test: { $ne: true },
    });
  }

  /** Platform-wide (admin statistics): memberships in these statuses, test ones left out. */
  countAll(statuses: readonly MembershipStatus[]): Promise<number> {
    return this.model.countDocuments({ test: { $ne: true }, status: { $in: statuses } });
  }

  /** Creation dates of a seller's memberships since `since` (the stats bucket them by day). */
  async createdSince(sellerId: string, since: Date): Promise<Date[]> {
    const docs = await this.model
      .find({ sellerId, test: { $ne: true }, createdAt: { $gte: since } })
      .select({ createdAt: 1 })
      .lean();
    return docs.map((d) => d.createdAt);
  }

  /** Members with access per channel (one accumulator per $group: FerretDB computes only one). */
  async countWithAccessByChannel(params: {
    sellerId: string;
    channelIds: string[];
    statuses: readonly MembershipStatus[];
  }): Promise<Map<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; count: number }>([
      { $match: { sellerId: params.sellerId, status: { $in: params.statuses } } },
      { $unwind: '$channels' },
      { $match: { 'channels.channelId': { $in: params.channelIds } } },
      { $group: { _id: '$channels.channelId', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((r) => [r._id, r.count]));
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
    // Runs on every join and leave Telegram reports, so it skips Mongoose's query pipeline
    // (casting, middleware, hydration options) and reads through the driver: the filter needs no
    // casting, and raw documents are what lean() returns.
    const docs = await this.model.collection
      .find<MembershipDoc>({
        telegramUserId,
        'channels.chatId': chatId,
        status: { $in: [...statuses] },
      })
      .toArray();
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
        endedAt: { $lte: params.endedBefore },
        personalDataErasedAt: { $exists: false },
      })
      .sort({ endedAt: 1 })
      .limit(params.limit)
      .lean();
    return docs.map(toView);
  }

  async findErasureRequested(limit: number): Promise<MembershipView[]> {
    const docs = await this.model
      .find({ erasureRequestedAt: { $exists: true }, personalDataErasedAt: { $exists: false } })
      .sort({ erasureRequestedAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(toView);
  }

  /**
   * Privacy: the membership keeps its plan, seller, status and dates (for the seller's figures)
   * and loses the person. The key stays unique without the Telegram id in it.
   */
  async erasePersonalData(id: string, at: Date): Promise<void> {
    // The key first: should we stop between the two, the membership still carries its key and
    // the next erasure pass (which selects memberships not yet erased) finishes the job.
    await this.deleteKeyOf(id);
    await this.model.updateOne(
      { _id: id },
      {
        $set: {
          key: `erased:${id}`,
          telegramUserId: ERASED_TELEGRAM_USER_ID,
          customer: {},
          personalDataErasedAt: at,
        },
        $unset: { externalUserId: 1 },
      },
    );
  }

  async delete(id: string): Promise<void> {
    await this.deleteKeyOf(id);
    await this.model.deleteOne({ _id: id });
  }

  /**
   * Databases written before `membership_keys` existed get their keys once, at the first boot
   * that finds the collection empty (every instance may try; the inserts are idempotent).
   */
  async backfillKeys(): Promise<void> {
    if (!(await this.keys.isEmpty())) {
      return;
    }
    const docs = await this.model
      .find({ telegramUserId: { $ne: ERASED_TELEGRAM_USER_ID } })
      .select({ key: 1 })
      .lean();
    await this.keys.insertMissing(docs.map((d) => ({ key: d.key, membershipId: String(d._id) })));
  }

  private async deleteKeyOf(id: string): Promise<void> {
    const membership = await this.findById(id);
    if (membership && membership.telegramUserId !== ERASED_TELEGRAM_USER_ID) {
      await this.keys.delete(membershipKey(membership.planId, membership.telegramUserId));
    }
  }

  async unsetEnded(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $unset: { endedAt: 1 } });
  }
}

function listFilter(params: MembershipListFilter): FilterQuery<Membership> {
  const filter: FilterQuery<Membership> = { sellerId: params.sellerId };
  if (params.status) {
    filter.status = params.status;
  }
  if (params.channelId !== undefined) {
    filter['channels.channelId'] = params.channelId;
  }
  if (params.chatId !== undefined) {
    filter['channels.chatId'] = params.chatId;
  }
  if (params.telegramUserId !== undefined) {
    filter.telegramUserId = params.telegramUserId;
  }
  return filter;
}

type MembershipDoc = Membership & { _id: Types.ObjectId };

function toView(doc: MembershipDoc): MembershipView {
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
    ...(doc.externalUserId ? { externalUserId: doc.externalUserId } : {}),
    test: doc.test,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    endedAt: doc.endedAt,
    renewalStoppedAt: doc.renewalStoppedAt,
    erasureRequestedAt: doc.erasureRequestedAt,
    personalDataErasedAt: doc.personalDataErasedAt,
    ...(doc.ledgerSeq !== undefined ? { ledgerSeq: doc.ledgerSeq } : {}),
  };
}
