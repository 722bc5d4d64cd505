import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import type { DeliveryState, DeliveryStatus } from './delivery-status';
import { DeliveryWatch } from './schemas/delivery-watch.schema';

export interface DeliveryWatchRecord {
  paymentId: string;
  sellerId: string;
  grantId: string;
  paidAt: Date;
  status: DeliveryStatus;
  linkDelivered: boolean;
  deliveryAttempts: number;
  lastDeliveryAttempt: Date | null;
  failureReason: string | null;
  recoveryAttempts: number;
  recoveryCompleted: boolean;
  exhausted: boolean;
  nextCheckAt: Date | null;
  computedAt: Date;
}

export interface WatchFilter {
  statuses?: DeliveryStatus[];
  sellerId?: string;
  paidFrom?: Date;
  paidTo?: Date;
  paymentIds?: string[];
  /** Only payments recovery has tried (or has not). */
  recoveryTried?: boolean;
}

/** The fields recomputed from the jobs. */
export function stateFields(state: DeliveryState, at: Date): Partial<DeliveryWatchRecord> {
  return {
    status: state.deliveryStatus,
    linkDelivered: state.linkDelivered,
    deliveryAttempts: state.deliveryAttempts,
    lastDeliveryAttempt: state.lastDeliveryAttempt,
    failureReason: state.failureReason,
    recoveryAttempts: state.recoveryAttempts,
    recoveryCompleted: state.recoveryCompleted,
    computedAt: at,
  };
}

@Injectable()
export class DeliveryWatchRepository {
  constructor(@InjectModel(DeliveryWatch.name) private readonly model: Model<DeliveryWatch>) {}

  /** False when the payment is already watched. */
  async insertOnce(watch: DeliveryWatchRecord): Promise<boolean> {
    const { paymentId, ...rest } = watch;
    try {
      await this.model.create({ _id: paymentId, ...rest });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        return false;
      }
      throw error;
    }
  }

  async watchedAmong(paymentIds: string[]): Promise<Set<string>> {
    if (paymentIds.length === 0) {
      return new Set();
    }
    const docs = await this.model
      .find({ _id: { $in: paymentIds } })
      .select({ _id: 1 })
      .lean();
    return new Set(docs.map((d) => d._id));
  }

  async findOne(paymentId: string): Promise<DeliveryWatchRecord | undefined> {
    const doc = await this.model.findById(paymentId).lean();
    return doc ? toRecord(doc) : undefined;
  }

  /** Watches whose time to be looked at has come, most overdue first. */
  async findDue(now: Date, limit: number): Promise<DeliveryWatchRecord[]> {
    const docs = await this.model
      .find({ nextCheckAt: { $ne: null, $lte: now } })
      .sort({ nextCheckAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(toRecord);
  }

  /** Every watch not (yet) delivered, for the admin's "process all failed" run. */
  async findUndelivered(limit: number): Promise<DeliveryWatchRecord[]> {
    const docs = await this.model
      .find({ status: { $ne: 'success' } })
      .sort({ paidAt: 1 })
      .limit(limit)
      .lean();
    return docs.map(toRecord);
  }

  /** Housekeeping: delivered payments paid before `before` (the status+paidAt index serves it). */
  async deleteDeliveredPaidBefore(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({
      status: 'success',
      paidAt: { $lt: before },
    });
    return deletedCount;
  }

  /** Of these payments, the ones whose delivery is watched and not (yet) a success. */
  async undeliveredAmong(paymentIds: string[]): Promise<Set<string>> {
    if (paymentIds.length === 0) {
      return new Set();
    }
    const docs = await this.model
      .find({ _id: { $in: paymentIds }, status: { $ne: 'success' } })
      .select({ _id: 1 })
      .lean();
    return new Set(docs.map((d) => d._id));
  }

  async update(paymentId: string, patch: Partial<Omit<DeliveryWatchRecord, 'paymentId'>>) {
    await this.model.updateOne({ _id: paymentId }, { $set: patch });
  }

  async list(params: {
    filter: WatchFilter;
    skip: number;
    limit: number;
  }): Promise<{ items: DeliveryWatchRecord[]; total: number }> {
    const filter = toQuery(params.filter);
    const [docs, total] = await Promise.all([
      this.model
        .find(filter)
        .sort({ paidAt: -1, _id: -1 })
        .skip(params.skip)
        .limit(params.limit)
        .lean(),
      this.model.countDocuments(filter),
    ]);
    return { items: docs.map(toRecord), total };
  }

  count(filter: WatchFilter & { recoveryCompleted?: boolean } = {}): Promise<number> {
    const query = toQuery(filter);
    if (filter.recoveryCompleted !== undefined) {
      query.recoveryCompleted = filter.recoveryCompleted;
    }
    return this.model.countDocuments(query);
  }
}

function toQuery(filter: WatchFilter): FilterQuery<DeliveryWatch> {
  const query: FilterQuery<DeliveryWatch> = {};
  if (filter.statuses) {
    query.status = { $in: filter.statuses };
  }
  if (filter.sellerId) {
    query.sellerId = filter.sellerId;
  }
  if (filter.paidFrom || filter.paidTo) {
    query.paidAt = {
      ...(filter.paidFrom ? { $gte: filter.paidFrom } : {}),
      ...(filter.paidTo ? { $lte: filter.paidTo } : {}),
    };
  }
  if (filter.paymentIds) {
    query._id = { $in: filter.paymentIds };
  }
  if (filter.recoveryTried !== undefined) {
    query.recoveryAttempts = filter.recoveryTried ? { $gt: 0 } : 0;
  }
  return query;
}

function toRecord(doc: DeliveryWatch): DeliveryWatchRecord {
  const { _id, ...rest } = doc;
  return {
    paymentId: _id,
    ...rest,
    lastDeliveryAttempt: rest.lastDeliveryAttempt ?? null,
    failureReason: rest.failureReason ?? null,
    nextCheckAt: rest.nextCheckAt ?? null,
  };
}
