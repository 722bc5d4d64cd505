import { isDuplicateKeyError } from '@app/common';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PaymentClaim } from './schemas/payment-claim.schema';
import { PaymentRef, PaymentRefKind } from './schemas/payment-ref.schema';
import { PaymentRefund } from './schemas/payment-refund.schema';
import { SubscriptionEnd } from './schemas/subscription-end.schema';

export interface RefundDecision {
  paymentId: string;
  sellerId: string;
  source: 'seller' | 'stripe';
  amountMinor: number;
  reason?: string;
  at: Date;
}

export interface SubscriptionEndDecision {
  subscriptionId: string;
  sellerId: string;
  paymentId: string;
  status: string;
  eventId: string;
  at: Date;
}

/**
 * The payments domain's "only one may win" records (docs/ARCHITECTURE.md): each is an insert
 * whose unique `_id` names the decision, so concurrent deliveries agree on a single winner.
 */
@Injectable()
export class PaymentDecisionsRepository {
  constructor(
    @InjectModel(PaymentRef.name) private readonly refs: Model<PaymentRef>,
    @InjectModel(PaymentRefund.name) private readonly refunds: Model<PaymentRefund>,
    @InjectModel(SubscriptionEnd.name) private readonly ends: Model<SubscriptionEnd>,
    @InjectModel(PaymentClaim.name) private readonly claims: Model<PaymentClaim>,
  ) {}

  /** Records that a provider id leads to a payment; a repeat is a no-op. */
  async addRef(params: {
    kind: PaymentRefKind;
    ref: string;
    paymentId: string;
    sellerId: string;
    at: Date;
  }): Promise<void> {
    await insertIgnoringDuplicate(this.refs, {
      _id: `${params.kind}:${params.ref}`,
      kind: params.kind,
      ref: params.ref,
      paymentId: params.paymentId,
      sellerId: params.sellerId,
      createdAt: params.at,
    });
  }

  async findRef(
    kind: PaymentRefKind,
    ref: string,
  ): Promise<{ paymentId: string; sellerId: string } | undefined> {
    const doc = await this.refs.findById(`${kind}:${ref}`).lean();
    return doc ? { paymentId: doc.paymentId, sellerId: doc.sellerId } : undefined;
  }

  async refsOf(paymentId: string, kind: PaymentRefKind): Promise<string[]> {
    const docs = await this.refs.find({ paymentId, kind }).sort({ createdAt: 1 }).lean();
    return docs.map((doc) => doc.ref);
  }

  /** True when this caller decided the refund (and must apply it). */
  async decideRefund(decision: RefundDecision): Promise<boolean> {
    const { paymentId, ...rest } = decision;
    return insertIgnoringDuplicate(this.refunds, { _id: paymentId, ...rest });
  }

  async findRefund(paymentId: string): Promise<RefundDecision | undefined> {
    const doc = await this.refunds.findById(paymentId).lean();
    return doc
      ? {
          paymentId: doc._id,
          sellerId: doc.sellerId,
          source: doc.source as RefundDecision['source'],
          amountMinor: doc.amountMinor,
          reason: doc.reason,
          at: doc.at,
        }
      : undefined;
  }

  /** True when this caller recorded the end (the first to see it). */
  async decideSubscriptionEnd(decision: SubscriptionEndDecision): Promise<boolean> {
    const { subscriptionId, ...rest } = decision;
    return insertIgnoringDuplicate(this.ends, { _id: subscriptionId, ...rest });
  }

  async subscriptionEnded(subscriptionId: string): Promise<boolean> {
    return (await this.ends.exists({ _id: subscriptionId })) !== null;
  }

  /** The Telegram account that holds the payment's claim (the first to ask gets it). */
  async decideClaim(params: {
    paymentId: string;
    sellerId: string;
    telegramUserId: number;
    at: Date;
  }): Promise<number> {
    const { paymentId, ...rest } = params;
    if (await insertIgnoringDuplicate(this.claims, { _id: paymentId, ...rest })) {
      return params.telegramUserId;
    }
    const winner = await this.claims.findById(paymentId).lean();
    if (!winner) {
      throw new Error(`Claim of payment ${paymentId} collided but cannot be read back`);
    }
    return winner.telegramUserId;
  }

  /** The Telegram account that claimed the payment, if any did. */
  async claimOf(paymentId: string): Promise<number | undefined> {
    const doc = await this.claims.findById(paymentId).lean();
    return doc?.telegramUserId;
  }

  /** Privacy: the claims of these payments go (see PaymentErasureService.erasePersonalData). */
  async deleteClaims(params: { sellerId: string; paymentIds: string[] }): Promise<void> {
    if (params.paymentIds.length > 0) {
      await this.claims.deleteMany({ _id: { $in: params.paymentIds }, sellerId: params.sellerId });
    }
  }
}

async function insertIgnoringDuplicate<T>(model: Model<T>, doc: Partial<T>): Promise<boolean> {
  try {
    await model.create(doc);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) {
      return false;
    }
    throw error;
  }
}
