import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model, Types } from 'mongoose';
import { SellerOwnedRepository } from '../sellers/tenancy/seller-owned.repository';
import { toObjectId } from '../sellers/tenancy/object-id';
import type {
  NewPayment,
  PaymentListFilter,
  PaymentPage,
  SuccessPatch,
} from './payment-repository.types';
import type { PaymentView, RefundInfo } from './payment.types';
import { toPaymentView } from './payment.mapper';
import {
  currencyTotals,
  CurrencyTotal,
  DayRange,
  DayRevenue,
  GroupRow,
  platformPipeline,
  RevenueRow,
  revenueByDayPipeline,
  revenueRows,
} from './payment-revenue.aggregations';
import { Payment } from './schemas/payment.schema';

type PaymentDoc = Payment & { _id: Types.ObjectId };

/** A fresh payment id, known before the payment is stored (its claim token is bound to it). */
export function newPaymentId(): string {
  return new Types.ObjectId().toString();
}

/**
 * The only code touching the payments collection. Seller API reads are seller-scoped (the base
 * class adds sellerId to every filter); webhook and bot flows start from a provider id and use the
 * `…Anywhere` lookups, then check the seller themselves.
 */
@Injectable()
export class PaymentRepository extends SellerOwnedRepository<Payment, PaymentView> {
  constructor(@InjectModel(Payment.name) model: Model<Payment>) {
    super(model);
  }

  /** A checkout payment under an id from newPaymentId(); its key is its own id. */
  async create(id: string, input: NewPayment): Promise<PaymentView> {
    const _id = new Types.ObjectId(id);
    const { claim, ...rest } = input;
    const doc = await this.model.create({
      ...rest,
      _id,
      key: `checkout:${_id.toString()}`,
      ...(claim
        ? {
            claim: { tokenSealed: claim.tokenSealed, expiresAt: claim.expiresAt },
            claimTokenHash: claim.tokenHash,
          }
        : {}),
      updatedAt: input.createdAt,
    });
    return this.toRecord(doc.toObject());
  }

  /** A renewal payment keyed by its provider id; an existing one is returned as it is. */
  async insertOnce(
    key: string,
    input: NewPayment,
  ): Promise<{ payment: PaymentView; created: boolean }> {
    try {
      const doc = await this.model.create({ ...input, key, updatedAt: input.createdAt });
      return { payment: this.toRecord(doc.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) {
        throw error;
      }
      const existing = await this.model.findOne({ key }).lean<PaymentDoc>();
      if (!existing) {
        throw error;
      }
      return { payment: this.toRecord(existing), created: false };
    }
  }

  /** By id alone, for provider callbacks (which name a payment, not a seller). */
  async findAnywhere(id: string): Promise<PaymentView | undefined> {
    const _id = toObjectId(id);
    const doc = _id ? await this.model.findOne({ _id }).lean<PaymentDoc>() : null;
    return doc ? this.toRecord(doc) : undefined;
  }

  async findByClaimTokenHash(tokenHash: string): Promise<PaymentView | undefined> {
    const doc = await this.model.findOne({ claimTokenHash: tokenHash }).lean<PaymentDoc>();
    return doc ? this.toRecord(doc) : undefined;
  }

  async findByCheckoutSession(sessionId: string): Promise<PaymentView | undefined> {
    const doc = await this.model.findOne({ checkoutSessionId: sessionId }).lean<PaymentDoc>();
    return doc ? this.toRecord(doc) : undefined;
  }

  /** Whether this e-mail already paid this seller (for plans sold to new customers only). */
  async hasPaidBefore(params: { sellerId: string; email: string }): Promise<boolean> {
    const found = await this.model.exists(
      this.scope(params.sellerId, {
        'customer.email': params.email,
        status: { $in: ['succeeded', 'refunded'] },
      }),
    );
    return found !== null;
  }

  /** The renewals of a subscription's checkout payment, oldest first. */
  async listRenewals(parentPaymentId: string): Promise<PaymentView[]> {
    const docs = await this.model
      .find({ parentPaymentId })
      .sort({ createdAt: 1 })
      .lean<PaymentDoc[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  async listForSeller(params: {
    sellerId: string;
    filter: PaymentListFilter;
    limit: number;
    offset: number;
  }): Promise<PaymentPage> {
    const { sellerId, filter, limit, offset } = params;
    const query: FilterQuery<Payment> = {};
    if (filter.status) {
      query.status = filter.status;
    }
    if (filter.provider) {
      query.provider = filter.provider;
    }
    if (filter.from || filter.to) {
      query.createdAt = {
        ...(filter.from ? { $gte: filter.from } : {}),
        ...(filter.to ? { $lt: filter.to } : {}),
      };
    }
    const scoped = this.scope(sellerId, query);
    const [docs, total] = await Promise.all([
      this.model
        .find(scoped)
        .sort({ createdAt: -1, _id: -1 })
        .skip(offset)
        .limit(limit)
        .lean<PaymentDoc[]>(),
      this.model.countDocuments(scoped),
    ]);
    return { items: docs.map((doc) => this.toRecord(doc)), total };
  }

  /** The creating checkout request records its Stripe session (it is the only writer then). */
  async recordCheckoutSession(params: {
    id: string;
    checkoutSessionId: string;
    expiresAt: Date;
    at: Date;
  }): Promise<void> {
    await this.model.updateOne(
      { _id: params.id, status: 'pending' },
      {
        $set: {
          checkoutSessionId: params.checkoutSessionId,
          expiresAt: params.expiresAt,
          updatedAt: params.at,
        },
      },
    );
  }

  async markSucceeded(id: string, patch: SuccessPatch, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: { $in: ['pending', 'failed', 'expired'] } },
      { $set: { ...patch, status: 'succeeded', updatedAt: at } },
    );
  }

  /** A paid renewal that must not be granted (its subscription had ended). */
  async markCancelled(id: string, reason: string, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: { $in: ['pending', 'failed'] } },
      { $set: { status: 'cancelled', failureReason: reason, paidAt: at, updatedAt: at } },
    );
  }

  async markFailed(id: string, reason: string, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status: 'failed', failureReason: reason, updatedAt: at } },
    );
  }

  async markExpired(id: string, at: Date): Promise<boolean> {
    const { matchedCount } = await this.model.updateOne(
      { _id: id, status: 'pending' },
      { $set: { status: 'expired', updatedAt: at } },
    );
    return matchedCount > 0;
  }

  async markRefunded(id: string, refund: RefundInfo): Promise<void> {
    await this.model.updateOne(
      { _id: id },
      { $set: { status: 'refunded', refund, updatedAt: refund.at } },
    );
  }

  /** Single use: the claim records who claimed it. */
  async markClaimed(id: string, telegramUserId: number, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, 'claim.claimedBy': { $exists: false } },
      { $set: { 'claim.claimedBy': telegramUserId, updatedAt: at } },
    );
  }

  /** Pending checkouts past their expiry, for the expiry sweep. */
  async findPendingExpired(now: Date, limit: number): Promise<PaymentView[]> {
    const docs = await this.model
      .find({ status: 'pending', expiresAt: { $lte: now } })
      .sort({ expiresAt: 1 })
      .limit(limit)
      .lean<PaymentDoc[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Sums of `amountMinor` of succeeded payments by currency (one accumulator: FerretDB). */
  async revenueByCurrency(sellerId: string): Promise<Map<string, number>> {
    const rows = await this.model.aggregate<{ _id: string; total: number }>([
      { $match: { sellerId, status: 'succeeded' } },
      { $group: { _id: '$currency', total: { $sum: '$amountMinor' } } },
    ]);
    return new Map(rows.map((row) => [row._id, row.total]));
  }

  /** Succeeded revenue per (day, currency) for days in [fromDay, toDay]. */
  async revenueByDay(params: DayRange & { sellerId: string }): Promise<DayRevenue[]> {
    return revenueRows(await this.model.aggregate<RevenueRow>(revenueByDayPipeline(params)));
  }

  /** Erases the customer's contact details; amount, currency, date and plan stay. */
  async erasePersonalData(params: { sellerId: string; ids: string[]; at: Date }): Promise<number> {
    const ids = params.ids.map(toObjectId).filter((id) => id !== undefined);
    if (ids.length === 0) {
      return 0;
    }
    const { modifiedCount } = await this.model.updateMany(
      this.scope(params.sellerId, { _id: { $in: ids }, personalDataErasedAt: { $exists: false } }),
      {
        $set: { customer: {}, personalDataErasedAt: params.at, updatedAt: params.at },
        $unset: { claim: 1, claimTokenHash: 1 },
      },
    );
    return modifiedCount;
  }

  /**
   * Platform-wide, for the privacy job: paid web payments whose claim link expired unclaimed by
   * `expiredBefore`, oldest first (erasing one removes its claim, so it leaves this list).
   */
  async findExpiredUnclaimed(params: {
    expiredBefore: Date;
    skip: number;
    limit: number;
  }): Promise<PaymentView[]> {
    const docs = await this.model
      .find({
        'claim.expiresAt': { $lte: params.expiredBefore },
        'claim.claimedBy': { $exists: false },
        status: { $in: ['succeeded', 'refunded', 'cancelled'] },
      })
      .sort({ 'claim.expiresAt': 1, _id: 1 })
      .skip(params.skip)
      .limit(params.limit)
      .lean<PaymentDoc[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Platform-wide, for the admin statistics: succeeded payments per currency in a day range. */
  async platformTotalsByCurrency(params: DayRange): Promise<CurrencyTotal[]> {
    // Two aggregations: FerretDB computes one accumulator per $group.
    const [counts, sums] = await Promise.all([
      this.model.aggregate<GroupRow>(platformPipeline(params, 1)),
      this.model.aggregate<GroupRow>(platformPipeline(params, '$amountMinor')),
    ]);
    return currencyTotals(counts, sums);
  }

  /** Platform-wide, for the admin recovery tools: payments by id, any seller. */
  async findManyAnywhere(ids: string[]): Promise<PaymentView[]> {
    const objectIds = ids.map(toObjectId).filter((id) => id !== undefined);
    if (objectIds.length === 0) {
      return [];
    }
    const docs = await this.model.find({ _id: { $in: objectIds } }).lean<PaymentDoc[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Platform-wide, for the admin recovery search: ids of payments by a customer's e-mail or Telegram id. */
  async idsOfCustomerAnywhere(params: {
    email?: string;
    telegramUserId?: number;
    limit: number;
  }): Promise<string[]> {
    const or: FilterQuery<Payment>[] = [];
    if (params.email) {
      or.push({ 'customer.email': params.email });
    }
    if (params.telegramUserId !== undefined) {
      or.push({ 'customer.telegramUserId': params.telegramUserId });
    }
    if (or.length === 0) {
      return [];
    }
    const docs = await this.model
      .find({ $or: or }, { _id: 1 })
      .sort({ createdAt: -1 })
      .limit(params.limit)
      .lean<{ _id: Types.ObjectId }[]>();
    return docs.map((doc) => doc._id.toString());
  }

  /** Platform-wide, for the delivery-recovery sweep: succeeded payments paid in [from, to]. */
  async findSucceededPaidBetween(params: {
    from: Date;
    to: Date;
    limit: number;
  }): Promise<PaymentView[]> {
    const docs = await this.model
      .find({ status: 'succeeded', paidAt: { $gte: params.from, $lte: params.to } })
      .sort({ paidAt: 1 })
      .limit(params.limit)
      .lean<PaymentDoc[]>();
    return docs.map((doc) => this.toRecord(doc));
  }

  /** Deletes pending, expired and failed payments created before `before` (never paid ones). */
  async purgeUnpaid(before: Date): Promise<number> {
    const { deletedCount } = await this.model.deleteMany({
      status: { $in: ['pending', 'expired', 'failed'] },
      createdAt: { $lt: before },
    });
    return deletedCount;
  }

  protected toRecord(doc: Payment & { _id: unknown }): PaymentView {
    return toPaymentView(doc);
  }
}
